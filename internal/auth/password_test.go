package auth

import (
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	p := TestParams()
	h := HashPassword("正确的密码abc123", p)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string with the test parameters", h)
	}
	if h == HashPassword("正确的密码abc123", p) {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"正确的密码abc123", true},
		{"正确的密码abc124", false},
		{"", false},
		{"正确的密码abc123 ", false},
	}
	for _, tt := range tests {
		got, err := VerifyPassword(tt.pw, h)
		if err != nil || got != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
		}
	}
}

func TestVerifyKnownVector(t *testing.T) {
	// argon2id("password1", salt "saltsaltsaltsalt", m=64, t=1, p=1): pins the format.
	const h = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$HmsLCOpczFDHA+JZakb5wHjH3co9bSw2bAC3Go/i8Po"
	ok, err := VerifyPassword("password1", h)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Error("known vector does not verify")
	}
}

func TestVerifyMalformed(t *testing.T) {
	good := HashPassword("abc12345", TestParams())
	f := strings.Split(good, "$")
	tests := []string{
		"",
		"plaintext",
		"$argon2i$v=19$m=64,t=1,p=1$" + f[4] + "$" + f[5],
		"$argon2id$v=16$m=64,t=1,p=1$" + f[4] + "$" + f[5],
		"$argon2id$v=19$m=0,t=1,p=1$" + f[4] + "$" + f[5],
		"$argon2id$v=19$m=99999999,t=1,p=1$" + f[4] + "$" + f[5],
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + f[5],
		"$argon2id$v=19$m=64,t=1,p=1$" + f[4] + "$short",
		"$2a$12$bcryptbcryptbcryptbcryptbcryptbcryptbcryptbcryptbcr",
	}
	for _, h := range tests {
		if ok, err := VerifyPassword("abc12345", h); err == nil || ok {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	h := HashPassword("abc12345", TestParams())
	if NeedsRehash(h, TestParams()) {
		t.Error("fresh hash needs rehash with its own parameters")
	}
	if !NeedsRehash(h, DefaultParams()) {
		t.Error("test-parameter hash does not need rehash with the default parameters")
	}
	if !NeedsRehash("junk", TestParams()) {
		t.Error("junk does not need rehash")
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"abc12345", true},
		{"abcdefgh", false},
		{"12345678", false},
		{"abc1234", false},
		{"审判质效2025", true},
		{"审判质效审判质效", false},
		{strings.Repeat("a1", 64), true},
		{strings.Repeat("a1", 64) + "x", false},
	}
	for _, tt := range tests {
		if err := CheckPassword(tt.pw); (err == nil) != tt.ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", tt.pw, err, tt.ok)
		}
	}
}
