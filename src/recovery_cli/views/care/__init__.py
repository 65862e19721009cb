"""What the clinical half of aftercare looks like on screen: medication and naloxone,
appointments."""
