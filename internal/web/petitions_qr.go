package web

import (
	"net/http"
	"strconv"

	"rsc.io/qr"

	"github.com/zhixiao/zhixiao/internal/court"
)

// petitionQR is GET /petitions/qr.png?for=track|survey[&court=ID]: a QR
// code of the public tracking page or of the court's survey, to print at
// the windows and on the receipts. The address is this server's as the
// browser reached it.
func (s *Server) petitionQR(w http.ResponseWriter, r *http.Request, v *visitor) error {
	scheme := "http://"
	if s.secure(r) {
		scheme = "https://"
	}
	target := scheme + r.Host
	switch r.URL.Query().Get("for") {
	case "track":
		target += "/public/track"
	case "survey":
		target += "/public/survey?court=" + strconv.FormatInt(v.User.CourtID, 10)
	default:
		return court.Errorf(court.NotFound, "二维码只提供给进度查询和满意度评价页面")
	}
	c, err := qr.Encode(target, qr.M)
	if err != nil {
		return err
	}
	c.Scale = 6
	w.Header().Set("Content-Type", "image/png")
	_, err = w.Write(c.PNG())
	return err
}
