package deid

import _ "embed"

//go:embed sample.txt
var sample string

// Sample is a made-up 离婚纠纷 judgment with every kind of personal
// information the rule deletes, for trying the module out (the /deid page
// offers it) and for tests. Every name, number and address in it is invented.
func Sample() string { return sample }
