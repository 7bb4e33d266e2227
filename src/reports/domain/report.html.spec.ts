import { escapeXml } from './report.charts';
import { renderReportHtml } from './report.html';
import { overloadedReport, sampleReport } from './testing/sample-report';

describe('renderReportHtml', () => {
  const report = sampleReport();
  const html = renderReportHtml(report);

  it('is one HTML document with its title, scenario summary and tables', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain('<title>Replay report: Bakhtu produce &lt;&amp;&gt; &quot;green&quot;, channel</title>');
    expect(html).toContain('<h1>Replay report: Bakhtu produce &lt;&amp;&gt; &quot;green&quot;, channel</h1>');
    expect(html).toContain('<tr><td>seed</td><td>42</td></tr>');
    expect(html.match(/<table>/g)).toHaveLength(11);
    expect(html).toContain('<td class="num">-2.07 [-2.45, -1.69]</td>');
  });

  it('shows a published range and a bound with what the mean was checked against', () => {
    expect(html).toContain('<td class="num">48.00 to 72.00</td><td class="num">4.33 [2.68, 5.98]</td><td>mean in [48.00, 72.00]</td><td class="num">-</td><td>fail</td>');
    expect(html).toContain('<td class="num">at most 3.00</td><td class="num">2.25 [0.34, 4.16]</td><td>mean ≤ 3.00</td><td class="num">-</td><td>pass</td>');
  });

  it('escapes every text that comes from the report', () => {
    expect(html).not.toContain('<&>');
    expect(html).toContain('Broker, fees and &quot;waiting&quot; per declaration');
    const hostile = sampleReport();
    hostile.scenario.title = '</title><script>alert(1)</script>';
    hostile.options[0].id = '<img src=x onerror=alert(1)>';
    hostile.options[0].cost.items[0].title = 'a & b <c>';
    const text = renderReportHtml(hostile);
    expect(text).not.toMatch(/<script|<img/);
    expect(text).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('1 a &amp; b &lt;c&gt;</text>');
  });

  it('is self-contained: inline style, no script, nothing fetched from the network', () => {
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\((?!#)/i);
    // The only addresses are those of the report's own text (a calibration source).
    let rest = html;
    for (const c of report.calibration) rest = rest.split(escapeXml(c.source)).join('');
    expect(rest).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/https:\/\/www\.example\.org\/green-channel/);
  });

  it('has one accessible inline SVG per chart: release time, intervals, cost items, differences', () => {
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const id of ['chart-release', 'chart-intervals', 'chart-cost', 'chart-differences']) {
      expect(html).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">`);
    }
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
  });

  it('draws the arrival-to-release chart with a bar and a whisker per option', () => {
    const chart = html.slice(html.indexOf('<svg class="chart" viewBox'), html.indexOf('</svg>'));
    expect(chart.match(/<rect /g)).toHaveLength(2);
    expect(chart.match(/class="whisker"/g)).toHaveLength(2);
    expect(chart).toContain('>4.02 [2.50, 5.54] h</text>');
    expect(chart).toContain('<title>green-channel: 1.95 [0.04, 3.86] h</title>');
  });

  it('labels stacked segments with their legend number and value, not with colour alone', () => {
    const start = html.indexOf('<svg', html.indexOf('chart-intervals') - 200);
    const chart = html.slice(start, html.indexOf('</svg>', start));
    expect(chart).toContain('<title>baseline: 2 lodgement → release: 3.50 h</title>');
    expect(chart).toContain('<title>green-channel: 1 arrival → lodgement: -0.15 h</title>');
    expect(chart).toContain('>1 arrival → lodgement</text>');
    expect(chart).toContain('fill="url(#chart-intervals-hatch)"');
  });

  it('leaves the differences chart out when there is no difference', () => {
    const single = sampleReport();
    single.options = single.options.slice(0, 1);
    single.differences = [];
    const text = renderReportHtml(single);
    expect(text.match(/<svg/g)).toHaveLength(3);
    expect(text).toContain('No differences: a single option was replayed.');
  });

  it('opens with a marked warnings section when there are warnings, and draws no bar for a figure with no value', () => {
    expect(html).not.toContain('<section id="warnings">');
    const report = overloadedReport();
    report.options[1].intervals.arrivalToRelease.meanHours = { mean: NaN, ci95: null };
    const text = renderReportHtml(report);
    expect(text.indexOf('<section id="warnings">\n<h2>Warnings</h2>')).toBeLessThan(text.indexOf('<section id="scenario">'));
    expect(text).toContain('<li>baseline: overloaded resource: bakhtu/inspection-bay (2 units): its queue kept growing in 2 of 2 replications.</li>');
    expect(text).toContain('#warnings {');
    expect(text).not.toContain('NaN');
    expect(text).toContain('<title>green-channel: n/a h</title>');
  });

  it('is the same bytes every time', () => {
    expect(renderReportHtml(sampleReport())).toBe(html);
  });
});
