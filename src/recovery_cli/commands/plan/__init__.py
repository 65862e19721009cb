"""The commands that keep the plan: `plan`, `plan show`, `triggers`, `coping`, `contacts`,
`helplines`."""
