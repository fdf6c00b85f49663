package main

import (
	"strings"
	"testing"
	"time"
)

func TestPetitionsCommands(t *testing.T) {
	db := demoDB(t)
	month := time.Now().Format("2006-01")
	code, out, errs := zhixiao(t, "petitions", "bulletin", "--db", db, "--month", month, "--court", "示例市中级人民法院")
	if code != 0 || !strings.Contains(out, "群众诉求月通报 "+month) || !strings.Contains(out, "合计") {
		t.Errorf("bulletin: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = zhixiao(t, "petitions", "holidays", "--db", db, "--set", "2027-01-01", "--kind", "休", "--name", "元旦", "--year", "2027")
	if code != 0 || strings.TrimSpace(out) != "2027-01-01 休 元旦" {
		t.Errorf("holidays --set: exit %d %q", code, out)
	}
	code, out, _ = zhixiao(t, "petitions", "holidays", "--db", db, "--year", "2026")
	if code != 0 || !strings.Contains(out, "2026-02-14 班 春节调休上班") || strings.Contains(out, "2027") {
		t.Errorf("holidays --year 2026: exit %d\n%s", code, out)
	}
	code, out, _ = zhixiao(t, "petitions", "escalate", "--db", db, "--today", time.Now().AddDate(0, 2, 0).Format("2006-01-02"))
	if code != 0 || !strings.Contains(out, "件诉求超期升级") || strings.Contains(out, "：0 件") {
		t.Errorf("escalate: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"petitions"}, 2, "用法：zhixiao petitions"},
		{[]string{"petitions", "bulletin", "--db", db}, 1, "--month"},
		{[]string{"petitions", "bulletin", "--db", db, "--month", "2026-11", "--court", "不存在法院"}, 1, "没有名为“不存在法院”的法院"},
		{[]string{"petitions", "holidays", "--db", db, "--set", "2027-13-01"}, 1, "无法识别"},
		{[]string{"petitions", "holidays", "--db", db, "--set", "2027-01-02", "--kind", "假"}, 1, "休 或 班"},
	} {
		code, out, errs := zhixiao(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: exit %d, stderr %q (stdout %q)", c.args, code, errs, out)
		}
	}
}
