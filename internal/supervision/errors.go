package supervision

import (
	"errors"

	"github.com/zhixiao/zhixiao/internal/court"
)

func asCourtError(err error, target **court.Error) bool { return errors.As(err, target) }
