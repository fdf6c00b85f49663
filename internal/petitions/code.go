package petitions

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// codeAlphabet is Crockford's base 32 without I, L, O and U: digits and
// letters that are not mistaken for one another when read out on the phone.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// CodeLength is the number of characters of a tracking code: 16 of 32
// symbols are 80 bits.
const CodeLength = 16

// NewCode returns a fresh tracking code (查询码) of 80 random bits from
// crypto/rand, written in four groups: 7K3M-Q9TX-2HRB-W5NC.
func NewCode() string {
	b := make([]byte, CodeLength)
	if _, err := rand.Read(b); err != nil {
		panic("petitions: crypto/rand failed: " + err.Error())
	}
	var s strings.Builder
	for i, x := range b {
		if i > 0 && i%4 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(codeAlphabet[x&31])
	}
	return s.String()
}

// NormalizeCode reads a code as a citizen may type it: any case, with or
// without dashes and spaces, O for 0 and I or L for 1. It returns "" for
// anything that cannot be a code.
func NormalizeCode(s string) string {
	if len(s) > 64 {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return ""
		}
		b.WriteRune(r)
	}
	if b.Len() != CodeLength {
		return ""
	}
	return b.String()
}

// HashCode is what the store keeps of a code: the hex SHA-256 of its
// normal form. A lookup compares hashes, so the code itself is never stored
// and a wrong code takes the same path as an absent one.
func HashCode(code string) string {
	n := NormalizeCode(code)
	if n == "" {
		n = "invalid"
	}
	h := sha256.Sum256([]byte("zhixiao-petition:" + n))
	return hex.EncodeToString(h[:])
}

// HashSurveyCode is what the store keeps to find a request's survey from
// its tracking code: a hash of its own, so that the two never match.
func HashSurveyCode(code string) string {
	n := NormalizeCode(code)
	if n == "" {
		n = "invalid"
	}
	h := sha256.Sum256([]byte("zhixiao-survey:" + n))
	return hex.EncodeToString(h[:])
}
