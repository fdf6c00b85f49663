package documents

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
