"""Read: every file of aanbod/ once, safely (loading), as one Records (load); the gate for the other
published folders."""
