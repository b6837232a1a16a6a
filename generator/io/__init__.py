"""Reading and writing: the hostile-YAML loader, git access (a corpus at a revision, the
corpus history) and `write`, the only module that writes files. Imports only `core`."""
