"""Jobs the command line and the app both run: evaluate a scenario,
compare two, export the results, write the report (no Qt)."""
