"""Reports drawn from every part of the data: the dashboard, things to watch, the summary
for a counsellor, and backup."""
