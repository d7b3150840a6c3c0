#!/bin/sh
# Writes completions/tcpsim.{bash,zsh,fish} from the binary (run by
# goreleaser before a release; the directory is not committed).
set -e
rm -rf completions
mkdir completions
for sh in bash zsh fish; do
  go run ./cmd/tcpsim completion "$sh" > "completions/tcpsim.$sh"
done
