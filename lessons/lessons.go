// Package lessons holds the bundled lesson files, embedded in the binary.
// The format is docs/lessons.md; package lesson loads them.
package lessons

import "embed"

// Files are the bundled lessons, NAME.yaml each.
//
//go:embed *.yaml
var Files embed.FS
