#!/bin/sh
# Writes manpages/tcpsim.1.gz (and its Chinese twin, tcpsim.zh_CN.1.gz) from the binary (`tcpsim man`, written from the commands themselves), run by
# goreleaser before a release; the directory is not committed.
set -e
rm -rf manpages
mkdir manpages
go run ./cmd/tcpsim man | gzip -c -9 > manpages/tcpsim.1.gz
go run ./cmd/tcpsim man --lang zh | gzip -c -9 > manpages/tcpsim.zh_CN.1.gz
