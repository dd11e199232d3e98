"""Staff accounts' sign-in protection: failed-attempt lockouts, TOTP two-factor and recovery codes."""
