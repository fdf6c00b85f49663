package court

import (
	"errors"
	"fmt"
)

// ErrorKind classifies an error for the user: the web maps it to a status, the
// command line to an exit code.
type ErrorKind uint8

// The error kinds.
const (
	Internal ErrorKind = iota
	Invalid
	NotFound
	Conflict
	Forbidden
)

// Error is an error with a kind and a message in Chinese for the user.
type Error struct {
	Kind    ErrorKind
	Message string
	Err     error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted Chinese message.
func Errorf(kind ErrorKind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of err, Internal when it carries none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Message returns the user-facing message of err.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "内部错误"
}
