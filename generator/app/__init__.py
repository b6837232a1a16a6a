"""The commands: the CLI, build, serve, explain, diff and the jurisdiction template. The only
layer that may import every other."""
