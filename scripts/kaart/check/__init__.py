"""Check: schema messages, rules per field, jongerentaal, and the report of the problems."""
