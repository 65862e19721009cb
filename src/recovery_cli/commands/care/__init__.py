"""The commands of the clinical half of aftercare: `meds`, `naloxone`, `appointments`, and
`calendar` (meetings and appointments together)."""
