package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// statusOf maps an error to its HTTP status and page heading.
func statusOf(err error) (int, string) {
	if errors.Is(err, auth.ErrThrottled) {
		return http.StatusTooManyRequests, "请求过于频繁"
	}
	switch court.KindOf(err) {
	case court.Invalid:
		return http.StatusBadRequest, "请求有误"
	case court.NotFound:
		return http.StatusNotFound, "未找到"
	case court.Forbidden:
		return http.StatusForbidden, "无权访问"
	case court.Conflict:
		return http.StatusConflict, "操作冲突"
	}
	return http.StatusInternalServerError, "服务器内部错误"
}

// fail is the one place where errors become pages: the status follows the
// error's kind, the message is the error's Chinese message, and internal
// errors are logged and shown without their details.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, heading := statusOf(err)
	msg := court.Message(err)
	if status == http.StatusInternalServerError {
		s.cfg.Log.Error("web: request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		msg = "服务器内部错误，请稍后再试；如果问题持续，请联系系统管理员。"
	}
	v := view{Title: heading, Visitor: visitorOf(r), Data: errorPage{Status: status, Heading: heading, Message: msg}}
	if v.Visitor != nil {
		v.CSRF = v.Visitor.Session.CSRF
	}
	if rerr := s.render(w, status, "error", v); rerr != nil {
		s.cfg.Log.Error("web: render error page", slog.Any("err", rerr))
		http.Error(w, msg, status)
	}
}

// notFound answers every path no route matches.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return court.Errorf(court.NotFound, "页面 %s 不存在", r.URL.Path)
}
