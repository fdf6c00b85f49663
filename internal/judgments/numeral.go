package judgments

import "strconv"

// ParseNumeral reads a Chinese numeral (六百七十五, 一千零八十四, 二十,
// 十二, 两百) or Arabic digits (675); ok is false for anything else.
func ParseNumeral(s string) (n int, ok bool) {
	if s == "" {
		return 0, false
	}
	if v, err := strconv.Atoi(s); err == nil {
		return v, v >= 0
	}
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, section, digit := 0, 0, -1
	for _, r := range s {
		if d, isDigit := digits[r]; isDigit {
			digit = d
			continue
		}
		if u, isUnit := units[r]; isUnit {
			if digit < 0 {
				digit = 1 // 十二 = 一十二
			}
			section += digit * u
			digit = -1
			continue
		}
		if r == '万' {
			if digit > 0 {
				section += digit
			}
			total += section * 10000
			section, digit = 0, -1
			continue
		}
		return 0, false
	}
	if digit > 0 {
		section += digit
	}
	return total + section, true
}

// Numeral writes n in Chinese as judgments do (六百七十五, 一千零八十四).
func Numeral(n int) string {
	if n == 0 {
		return "零"
	}
	ds := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	us := []string{"", "十", "百", "千"}
	var out string
	zero := false
	started := false
	for p := 3; p >= 0; p-- {
		pow := 1
		for i := 0; i < p; i++ {
			pow *= 10
		}
		d := n / pow % 10
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			out += "零"
			zero = false
		}
		if !(d == 1 && p == 1 && !started) {
			out += ds[d]
		}
		out += us[p]
		started = true
	}
	return out
}
