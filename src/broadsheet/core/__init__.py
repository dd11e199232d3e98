"""The tiny shared kernel: helpers every app may use and that depend on nothing of ours."""
