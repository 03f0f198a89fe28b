"""The `kaart` command: every subcommand, thin over the stages."""
