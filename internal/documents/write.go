package documents

import (
	"context"

	"github.com/zhixiao/zhixiao/internal/court"
)

// WriteDraft fills the template of a draft (nil: the default template) with
// the case's data and returns the DOCX.
func WriteDraft(k Kind, in DraftInput, t *Template) ([]byte, error) {
	f, err := Draft(k, in)
	if err != nil {
		return nil, err
	}
	if t == nil {
		t = ParseDefault(k)
	}
	return t.Render(f)
}

// WriteBulletin fills the bulletin's template (nil: the default template)
// and returns the DOCX.
func WriteBulletin(b *Bulletin, t *Template) ([]byte, error) {
	f, err := b.Fields()
	if err != nil {
		return nil, err
	}
	if t == nil {
		t = ParseDefault(KindBulletin)
	}
	return t.Render(f)
}

// LoadTemplate parses the court's template of kind k (nil content: the
// default one) and checks its placeholders.
func LoadTemplate(k Kind, name string, content []byte) (*Template, error) {
	if content == nil {
		return ParseDefault(k), nil
	}
	return CheckTemplate(k, name, content)
}

// ProduceBulletin gathers a bulletin and writes its DOCX (with t, nil for
// the default template) and its XLSX.
func ProduceBulletin(ctx context.Context, req BulletinRequest, src Sources, t *Template) (docx, xlsx []byte, err error) {
	b, err := GatherBulletin(ctx, req, src)
	if err != nil {
		return nil, nil, err
	}
	if docx, err = WriteBulletin(b, t); err != nil {
		return nil, nil, err
	}
	xlsx, err = b.XLSX()
	return docx, xlsx, err
}

// Applies reports whether a draft of kind k fits the case (a 民事判决书 a
// civil first-instance case, a 终本 ruling an enforcement case ...).
func Applies(k Kind, c *court.Case) bool {
	if k == KindBulletin || checkCase(k, c) != nil {
		return false
	}
	switch k {
	case KindJudgmentSimple:
		return c.Track != court.TrackOrdinary
	case KindJudgmentOrdinary:
		return c.Track != court.TrackSimple && c.Track != court.TrackSmallClaim
	case KindInterviewNotice, KindSupervisionNotice:
		return !c.Closed()
	}
	return true
}
