package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Params are the argon2id parameters (RFC 9106). Memory is in KiB.
type Params struct {
	Memory  uint32
	Time    uint32
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams are the parameters for production: 64 MiB, one pass, two
// lanes (about a quarter of a second on a two-core server).
func DefaultParams() Params {
	return Params{Memory: 64 * 1024, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}
}

// TestParams are cheap parameters for tests; never use them in production.
func TestParams() Params {
	return Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// The length limits of a password, in characters.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// CheckPassword applies the password policy: 8 to 128 characters, not all
// of one kind (it needs at least two of letters, digits and other characters).
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen || n > MaxPasswordLen {
		return court.Errorf(court.Invalid, "密码应为 %d 至 %d 个字符", MinPasswordLen, MaxPasswordLen)
	}
	if passwordClasses(pw) < 2 {
		return court.Errorf(court.Invalid, "密码过于简单：须至少包含字母、数字、其他字符中的两类")
	}
	return nil
}

func passwordClasses(pw string) int {
	var letter, digit, other int
	for _, r := range pw {
		switch {
		case r >= '0' && r <= '9':
			digit = 1
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = 1
		default:
			other = 1
		}
	}
	return letter + digit + other
}

var b64 = base64.RawStdEncoding

// HashPassword hashes pw with argon2id and a fresh random salt and returns
// the PHC string $argon2id$v=19$m=...,t=...,p=...$salt$hash.
func HashPassword(pw string, p Params) string {
	salt := make([]byte, p.SaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether pw matches the PHC string, comparing in
// constant time. A malformed hash is an error.
func VerifyPassword(pw, phc string) (bool, error) {
	p, salt, key, err := parsePHC(phc)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether phc was made with parameters other than p.
func NeedsRehash(phc string, p Params) bool {
	q, _, key, err := parsePHC(phc)
	return err != nil || q.Memory != p.Memory || q.Time != p.Time || q.Threads != p.Threads || uint32(len(key)) != p.KeyLen
}

func parsePHC(phc string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("auth: malformed password hash: %s", why)
	}
	f := strings.Split(phc, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" {
		return bad("not an argon2id PHC string")
	}
	var v int
	if _, err := fmt.Sscanf(f[2], "v=%d", &v); err != nil || v != argon2.Version {
		return bad("version")
	}
	if _, err := fmt.Sscanf(f[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return bad("parameters")
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || p.Memory > 4<<20 || p.Time > 64 {
		return bad("parameters out of range")
	}
	if salt, err = b64.DecodeString(f[4]); err != nil || len(salt) < 8 {
		return bad("salt")
	}
	if key, err = b64.DecodeString(f[5]); err != nil || len(key) < 16 {
		return bad("key")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
