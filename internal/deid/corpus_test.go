package deid

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"strings"
	"testing"
)

const judgmentsFile = "../../../shared/data/judge_cn_judgment_generation/test.jsonl"

// judgments reads the 501 real criminal judgments of JuDGE, or skips.
func judgments(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(judgmentsFile)
	if err != nil {
		tb.Skipf("the JuDGE judgments are not here (%v)", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var row struct {
			Fd string `json:"fd"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			tb.Fatal(err)
		}
		out = append(out, row.Fd)
	}
	return out
}

var (
	anyID    = regexp.MustCompile(`[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]`)
	anyPhone = regexp.MustCompile(`(?:^|[^\dA-Za-z])1[3-9]\d{9}(?:$|[^\dA-Za-z])`)
	// a plate not already masked (X stands for a masked character)
	anyPlate = regexp.MustCompile(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-WYZ0-9]{4}[0-9][A-HJ-NP-WYZ0-9]?`)
	judgeRe  = regexp.MustCompile(`(?:审判长|审判员|书记员|人民陪审员)\s*([\p{Han}]{2,3})`)
)

// TestDeidJudgments runs both settings over the 501 real judgments: no ID
// number, mobile number or licence plate survives; the prosecuting
// 人民检察院, the judges and clerks, and the lawyers keep their names.
func TestDeidJudgments(t *testing.T) {
	docs := judgments(t)
	counts := map[Type]int{}
	for i, text := range docs {
		for _, s := range []Setting{Minimum, Strict} {
			r := Text(text, Options{Setting: s})
			for _, re := range []*regexp.Regexp{anyID, anyPhone, anyPlate} {
				if m := re.FindString(r.Text); m != "" {
					t.Errorf("judgment %d (%s): %q survives", i+1, s, m)
				}
			}
			for _, m := range judgeRe.FindAllStringSubmatch(text, -1) {
				if !strings.Contains(r.Text, m[0]) {
					t.Errorf("judgment %d (%s): %q was changed", i+1, s, m[0])
				}
			}
			for _, p := range r.Parties {
				if (p.Type != Natural || p.Lawyer) && !strings.Contains(r.Text, p.Name) {
					t.Errorf("judgment %d (%s): %s %q was masked", i+1, s, p.Role, p.Name)
				}
			}
			if i := strings.Index(text, "人民检察院"); i >= 0 && strings.Count(r.Text, "人民检察院") != strings.Count(text, "人民检察院") {
				t.Errorf("judgment %d (%s): 人民检察院 was changed", i+1, s)
			}
			if s == Minimum {
				for _, c := range r.Changes {
					counts[c.Type]++
				}
			}
		}
	}
	t.Logf("501 judgments, minimum setting, changes by type: %v", counts)
	if counts[TypeName] == 0 || counts[TypeAddress] == 0 {
		t.Errorf("expected some names (unmasked victims) and addresses in the real judgments, got %v", counts)
	}
}

// synthetic writes n judgments with known entities, and returns them with
// the entities each holds (type → originals).
func synthetic(n int) ([]string, []map[Type][]string) {
	rng := rand.New(rand.NewSource(9))
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "欧阳", "司马", "赵", "黄"}
	given := []string{"伟", "芳", "秀英", "建国", "小红", "志强", "丽娟", "海涛", "敏", "国庆"}
	name := func() string { return surnames[rng.Intn(len(surnames))] + given[rng.Intn(len(given))] }
	id := func() string {
		s := fmt.Sprintf("%06d%04d%02d%02d%03d", 110100+rng.Intn(500000), 1950+rng.Intn(55), 1+rng.Intn(12), 1+rng.Intn(28), rng.Intn(1000))
		w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
		sum := 0
		for i := 0; i < 17; i++ {
			sum += int(s[i]-'0') * w[i]
		}
		return s + string("10X98765432"[sum%11])
	}
	phone := func() string {
		p := fmt.Sprintf("1%d%09d", 3+rng.Intn(7), rng.Intn(1e9))
		switch rng.Intn(4) {
		case 0:
			return p[:3] + "-" + p[3:7] + "-" + p[7:]
		case 1:
			return fmt.Sprintf("0%d-%d", 10+rng.Intn(900), 20000000+rng.Intn(70000000))
		}
		return p
	}
	card := func() string {
		for {
			s := fmt.Sprintf("6222%015d", rng.Int63n(1e15))
			if luhn(s) {
				if rng.Intn(2) == 0 {
					return s[:4] + " " + s[4:8] + " " + s[8:12] + " " + s[12:16] + " " + s[16:]
				}
				return s
			}
		}
	}
	plate := func() string {
		p := string([]rune("京沪粤苏浙")[rng.Intn(5)]) + string(rune('A'+rng.Intn(8)))
		if rng.Intn(2) == 0 {
			return p + "D" + fmt.Sprintf("%05d", rng.Intn(100000))
		}
		return p + fmt.Sprintf("%d%c%03d", rng.Intn(10), 'A'+rng.Intn(8), rng.Intn(1000))
	}
	noise := func() string {
		return fmt.Sprintf("借款人民币%d元，约定于%d年%d月%d日前归还，合同编号第%d号，南京甲贸易有限公司（统一社会信用代码91320102MA%07dX）出具收条。",
			1000+rng.Intn(10000000), 2015+rng.Intn(8), 1+rng.Intn(12), 1+rng.Intn(28), 2023000000+rng.Intn(999999), rng.Intn(10000000))
	}
	var docs []string
	var truth []map[Type][]string
	for i := 0; i < n; i++ {
		a, b, v, w := name(), name(), name(), name()
		for b == a || strings.HasPrefix(b, a) || strings.HasPrefix(a, b) {
			b = name()
		}
		ids, ph, cd, pl := id(), phone(), card(), plate()
		if rng.Intn(3) == 0 {
			ids = ids[:17] + "X"
			for !idChecksum(ids) {
				ids = id()
				ids = ids[:17] + "X"
			}
		}
		street := fmt.Sprintf("人民路%d号", 1+rng.Intn(300))
		criminal := i%2 == 1
		var doc string
		m := map[Type][]string{TypeIDNumber: {ids}, TypePhone: {ph}, TypeBankAccount: {cd}, TypePlate: {pl}, TypeAddress: {street}}
		if criminal {
			doc = fmt.Sprintf("某市某区人民法院\n刑事判决书\n（2023）苏0102刑初%d号\n公诉机关某市某区人民检察院。\n被告人%s，男，1980年1月1日出生，汉族，公民身份号码%s，住江苏省南京市玄武区%s。\n辩护人孙律，江苏某律师事务所律师。\n经审理查明：被告人%s驾驶%s号汽车撞伤被害人%s，被害人%s的银行卡号%s。证人%s证实，其电话%s。%s\n审判员　周正\n书记员　钱清\n",
				i, a, ids, street, a, pl, v, v, cd, w, ph, noise())
			if v != w && !strings.HasPrefix(w, v) && !strings.HasPrefix(v, w) {
				m[TypeName] = []string{v, w}
			} else {
				m[TypeName] = []string{v}
			}
		} else {
			doc = fmt.Sprintf("某市某区人民法院\n民事判决书\n（2023）苏0102民初%d号\n原告：%s，女，1985年3月7日出生，汉族，住江苏省南京市玄武区%s，公民身份号码%s，联系电话%s。\n被告：%s，男，汉族。\n原告%s与被告%s离婚纠纷一案。原告名下银行账号%s，车辆%s。%s被告%s称其不同意离婚。\n审判员　周正\n书记员　钱清\n",
				i, a, street, ids, ph, b, a, b, cd, pl, noise(), b)
			m[TypeName] = []string{a, b}
		}
		docs = append(docs, doc)
		truth = append(truth, m)
	}
	return docs, truth
}

// TestDeidSynthetic measures recall and precision for each type on 200
// synthetic judgments with known entities. ID and phone numbers must all be
// found.
func TestDeidSynthetic(t *testing.T) {
	docs, truth := synthetic(200)
	found, want, correct, right := map[Type]int{}, map[Type]int{}, map[Type]int{}, map[Type]int{}
	for i, doc := range docs {
		r := Text(doc, Options{})
		got := map[Type]map[string]bool{}
		for _, c := range r.Changes {
			if got[c.Type] == nil {
				got[c.Type] = map[string]bool{}
			}
			got[c.Type][c.Original] = true
		}
		for typ, originals := range truth[i] {
			for _, o := range originals {
				want[typ]++
				if got[typ][o] {
					correct[typ]++
				} else {
					t.Logf("doc %d: %s %q not found", i, typ, o)
				}
			}
		}
		for typ, gs := range got {
			for g := range gs {
				ok := false
				for _, o := range truth[i][typ] {
					ok = ok || o == g
				}
				found[typ]++
				if ok {
					right[typ]++
				} else {
					t.Logf("doc %d: %s %q found but not planted", i, typ, g)
				}
			}
		}
	}
	for _, typ := range Types() {
		if want[typ] == 0 {
			continue
		}
		t.Logf("%-13s recall %d/%d = %.3f; precision %d/%d = %.3f", typ, correct[typ], want[typ], float64(correct[typ])/float64(want[typ]),
			right[typ], found[typ], float64(right[typ])/float64(max(found[typ], 1)))
	}
	for _, typ := range []Type{TypeIDNumber, TypePhone, TypeBankAccount, TypePlate} {
		if correct[typ] != want[typ] {
			t.Errorf("%s: found %d of %d", typ, correct[typ], want[typ])
		}
	}
	for _, typ := range Types() {
		if found[typ] > 0 && float64(right[typ]) < 0.95*float64(found[typ]) {
			t.Errorf("%s: precision %d of %d", typ, right[typ], found[typ])
		}
	}
	for _, typ := range Types() {
		if want[typ] > 0 && float64(correct[typ]) < 0.95*float64(want[typ]) {
			t.Errorf("%s: recall %d of %d, below the floor of 0.95", typ, correct[typ], want[typ])
		}
	}
}

var amount = regexp.MustCompile(`\d{3,}(?:\.\d+)?元`)

// TestDeidCAIL runs the strict setting over the 1,000 fact paragraphs of
// CAIL2019 (civil and criminal, their 案由 given): no ID number, mobile
// number or plate survives, and no amount of money is touched.
func TestDeidCAIL(t *testing.T) {
	b, err := os.ReadFile("../../../shared/data/cail2019_cjrc/dev_ground_truth.json")
	if err != nil {
		t.Skipf("CAIL2019 is not here (%v)", err)
	}
	var data struct {
		Data []struct {
			Paragraphs []struct {
				Context  string `json:"context"`
				Casename string `json:"casename"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	counts := map[Type]int{}
	for i, d := range data.Data {
		p := d.Paragraphs[0]
		r := Text(p.Context, Options{Setting: Strict, Cause: p.Casename})
		for _, re := range []*regexp.Regexp{anyID, anyPhone, anyPlate} {
			if m := re.FindString(r.Text); m != "" {
				t.Errorf("paragraph %d: %q survives", i, m)
			}
		}
		for _, m := range amount.FindAllString(p.Context, -1) {
			if !strings.Contains(r.Text, m) {
				t.Errorf("paragraph %d: the amount %q was changed", i, m)
			}
		}
		for _, c := range r.Changes {
			counts[c.Type]++
		}
	}
	t.Logf("1,000 CAIL paragraphs, strict: %v", counts)
	if counts[TypePlate] == 0 || counts[TypeBankAccount] == 0 {
		t.Errorf("expected plates and bank accounts in CAIL, got %v", counts)
	}
}

// TestDeidRealExcerpts is a table of real judgments of JuDGE (by line
// number in test.jsonl) with what the minimum setting must make of them.
func TestDeidRealExcerpts(t *testing.T) {
	docs := judgments(t)
	tests := []struct {
		n        int
		has, not []string
	}{
		{1, []string{"被告人张3犯诈骗罪", "被害人刘某某、徐某某", "证人汪某、张某1、张2的证言", "审判员李晓杰", "书记员唐婷"}, nil},
		{2, []string{"辩护人钟俊，系上海市长宁区法律援助中心指派的上海新沪律师事务所律师", "户籍地贵州省。"}, nil},
		{5, []string{"发还被害人董某某。"}, []string{"董文宇"}},
		{6, []string{"住长沙市雨花区。因吸毒"}, []string{"雨花亭街道"}},
		{20, []string{"皖A×××××号尼桑牌越野车"}, []string{"皖AQ8790"}},
		{24, []string{"患有×××，作案时"}, []string{"精神分裂症"}},
		{92, []string{"户籍地武汉市经济开发区。"}, []string{"汉纸中路"}},
		{186, []string{"居民身份证号码×××，汉族"}, []string{"21022519710319037x", "冰峪村"}},
		{259, []string{"证人何某、康某的证言", "被告人徐波的供述"}, []string{"何清臣", "康玉环"}},
		{406, []string{"账号为×××一折统存折"}, []string{"621210121001697108"}},
	}
	for _, tc := range tests {
		if tc.n > len(docs) {
			t.Fatalf("judgment %d is not there", tc.n)
		}
		out := Text(docs[tc.n-1], Options{}).Text
		for _, s := range tc.has {
			if !strings.Contains(out, s) {
				t.Errorf("judgment %d: output lacks %q", tc.n, s)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(out, s) {
				t.Errorf("judgment %d: output still has %q", tc.n, s)
			}
		}
	}
}
