"""The summary as files to share, one module per format. Each is a pure function of a
`summary.Summary` returning text, imported only by the command that asks for it."""
