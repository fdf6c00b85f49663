package documents

import (
	"bytes"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/zhixiao/zhixiao/internal/court"
)

// FontEnv is the environment variable that names the TrueType font of the
// charts when no --font flag does (for `serve`).
const FontEnv = "ZHIXIAO_FONT"

// fontCandidates are plain TrueType fonts with Chinese glyphs that Debian
// packages install (fonts-lxgw-wenkai, fonts-arphic-gbsn00lp,
// fonts-arphic-ukai/uming ship .ttf too). No font ships with zhixiao.
var fontCandidates = []string{
	"/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf",
	"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
	"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
	"/usr/share/fonts/truetype/arphic/gbsn00lp.ttf",
	"/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
}

// FindFont returns the font file for the charts: explicit when given (it
// must exist), else fromEnv (the value of $ZHIXIAO_FONT), else the first
// candidate found; "" when there is none.
func FindFont(explicit, fromEnv string) (string, error) {
	if explicit == "" {
		explicit = fromEnv
	}
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", court.Errorf(court.NotFound, "字体文件 %s 不存在", explicit)
		}
		return explicit, nil
	}
	for _, c := range fontCandidates {
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
	}
	matches, _ := filepath.Glob("/usr/share/fonts/truetype/*/LXGW*.ttf")
	if len(matches) > 0 {
		return matches[0], nil
	}
	return "", nil
}

// Charts draws the bulletin's charts as PNG with one TrueType font.
type Charts struct {
	Font  string // the font file
	cache *font.Cache
	face  font.Font
}

// NoFontNote is written where a chart would be when no font was found.
const NoFontNote = "（未找到中文字体，图表从略。请安装 Debian 软件包 fonts-arphic-gbsn00lp 或 fonts-lxgw-wenkai，或用 --font 或环境变量 ZHIXIAO_FONT 指定 .ttf 字体文件。）"

// LoadCharts reads a TrueType font. A .ttc collection or a CFF font fails:
// gonum/plot needs a single TrueType file.
func LoadCharts(path string) (*Charts, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, court.Errorf(court.NotFound, "无法读取字体文件 %s", path)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, court.Errorf(court.Invalid, "字体文件 %s 不是单个 TrueType 字体（%v）", path, err)
	}
	face := font.Font{Typeface: "zhixiao-cjk"}
	return &Charts{Font: path, cache: font.NewCache(font.Collection{{Font: face, Face: f}}), face: face}, nil
}

// style sets the font of a text style.
func (c *Charts) style(s *text.Style, size vg.Length) {
	s.Font = font.From(c.face, size)
	s.Handler = text.Plain{Fonts: c.cache}
}

// newPlot is a plot whose texts use the font.
func (c *Charts) newPlot(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: c.cache}
	c.style(&p.Title.TextStyle, 12)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		c.style(&ax.Label.TextStyle, 10)
		c.style(&ax.Tick.Label, 9)
	}
	c.style(&p.Legend.TextStyle, 9)
	p.Title.Text, p.Y.Label.Text = title, yLabel
	p.Title.Padding = vg.Points(10)
	p.Y.Tick.Marker = plot.TickerFunc(wholeTicks)
	p.Legend.Top = true
	p.Y.Min = 0
	return p
}

// drawPNG draws a plot at 150 dpi.
func drawPNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(150))
	p.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var (
	blue   = color.RGBA{R: 0x2f, G: 0x6f, B: 0xb5, A: 0xff}
	orange = color.RGBA{R: 0xe0, G: 0x8a, B: 0x2c, A: 0xff}
)

// Trend draws 新收 and 已结 per month as grouped bars.
func (c *Charts) Trend(title string, pts []MonthPoint) ([]byte, error) {
	p := c.newPlot(title, "件")
	filed, closed := make(plotter.Values, len(pts)), make(plotter.Values, len(pts))
	labels := make([]string, len(pts))
	for i, pt := range pts {
		filed[i], closed[i], labels[i] = pt.Filed, pt.Closed, pt.Label
	}
	w := vg.Points(9)
	bf, err := plotter.NewBarChart(filed, w)
	if err != nil {
		return nil, err
	}
	bc, err := plotter.NewBarChart(closed, w)
	if err != nil {
		return nil, err
	}
	bf.Color, bf.LineStyle.Width, bf.Offset = blue, 0, -w/2
	bc.Color, bc.LineStyle.Width, bc.Offset = orange, 0, w/2
	p.Add(bf, bc)
	p.Legend.Add("新收", bf)
	p.Legend.Add("已结", bc)
	p.NominalX(labels...)
	p.Y.Max *= 1.2 // room for the legend above the bars
	p.X.Min, p.X.Max = -0.7, float64(len(pts))-0.3
	return drawPNG(p, 16*vg.Centimeter, 7*vg.Centimeter)
}

// Clearance draws the 结收比 of units as bars, with the 100% line.
func (c *Charts) Clearance(title string, rows []UnitRow) ([]byte, error) {
	p := c.newPlot(title, "结收比（%）")
	vals := make(plotter.Values, len(rows))
	labels := make([]string, len(rows))
	for i, r := range rows {
		if r.Clearance.Valid {
			vals[i] = math.Round(r.Clearance.V * 1000 / 10)
		}
		labels[i] = r.Name
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(14))
	if err != nil {
		return nil, err
	}
	bars.Color, bars.LineStyle.Width = blue, 0
	line, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 100}, {X: float64(len(rows)) - 0.5, Y: 100}})
	if err != nil {
		return nil, err
	}
	line.Color, line.Dashes = orange, []vg.Length{vg.Points(4), vg.Points(2)}
	p.Add(bars, line)
	p.Y.Max *= 1.1
	p.NominalX(labels...)
	if len(rows) > 8 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	}
	return drawPNG(p, 16*vg.Centimeter, 7*vg.Centimeter)
}

// wholeTicks are the default ticks, labelled without needless decimals.
func wholeTicks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', -1, 64)
		}
	}
	return ticks
}
