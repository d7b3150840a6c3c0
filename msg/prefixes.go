package msg

// Prefixes of IDs made from the program's own names rather than declared
// one by one: the tests of the packages that use them keep the catalogue
// and the code equal, as trace's do for RulePrefix.
const (
	// FlagPrefix + "verb.flag" (or "verb.sub.flag") is a flag's usage;
	// FlagPrefix + "any.flag" is shared by the verbs whose English usage
	// is the same.
	FlagPrefix = "cli.flag."
	// ExamplePrefix + "verb.N" is the Nth comment line (from 0) of a
	// verb's examples; the root's verb is "root".
	ExamplePrefix = "cli.example."
	// LongPrefix + "verb" (or "verb.sub") is a verb's description.
	LongPrefix = "cli.long."
	// ShortPrefix + "verb" (or "verb.sub") is a verb's one-line summary.
	ShortPrefix = "cli.short."
	// ErrorPrefix + a slug of the English format is a problem the
	// scenario and lesson loaders report (scenarios/errtext.go).
	ErrorPrefix = "scenarios.error."
)
