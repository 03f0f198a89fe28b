"""Export: the open data (kaart.json, CSV, HSDS) and the files per record."""
