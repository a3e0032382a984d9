"""Edit forms of programmes, projects and beneficiaries, and the beneficiary picker."""
