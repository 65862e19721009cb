"""Care: the clinical half of aftercare — prescriptions and doses, naloxone, and appointments with counsellors, prescribers and clinics."""  # noqa: E501
