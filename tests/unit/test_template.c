/*
 * Unit tests of the report template language (src/report/template.c):
 * escaping per context, sections, includes, errors that name the place.
 */
#include "testutil.h"

#include <unistd.h>

#include "../../src/report/internal.h"

/* Renders text with the JSON context `json`; returns the output (static). */
static const char *
fill(const char *text, const char *json, int *rc, struct hp_err *err);

static char *
load_fixed(void *arg, const char *name, struct hp_err *err)
{
	(void)arg;
	if (strcmp(name, "a.css") == 0)
		return hp_strdup("body{color:red}");
	if (strcmp(name, "bad.js") == 0)
		return hp_strdup("var s = '</SCRIPT><script>alert(1)';");
	hp_err_set(err, "%s: no such template", name);
	return NULL;
}

static const char *
fill(const char *text, const char *json, int *rc, struct hp_err *err)
{
	static char out[4096];
	cJSON *ctx = cJSON_Parse(json);
	struct hp_buf b;

	assert_non_null(ctx);
	hp_buf_init(&b);
	hp_buf_puts(&b, "");
	*rc = tpl_render(text, "t.html", ctx, load_fixed, NULL, &b, err);
	snprintf(out, sizeof(out), "%s", b.s);
	hp_buf_release(&b);
	cJSON_Delete(ctx);
	return out;
}

static void
variable_should_be_escaped_for_html_text_by_default(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("<p>{{name}}</p>",
	    "{\"name\":\"<script>alert(1)</script> & \\\"q\\\" 'a' 学習率\"}", &rc, &err),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; 学習率</p>");
	assert_int_equal(rc, 0);
}

/* |name: escaped, and a line may break after a separator, never mid-word */
static void
name_filter_should_break_after_separators_only(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("<th>{{n|name}}</th>",
	    "{\"n\":\"encoder.layer_0/<b>-x.\"}", &rc, &err),
	    "<th>encoder.<wbr>layer_<wbr>0/<wbr>&lt;b&gt;-<wbr>x.</th>");
	assert_int_equal(rc, 0);
}

static void
attr_and_url_filters_should_keep_values_inside_the_attribute(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("<a title=\"{{t|attr}}\" href=\"{{u|url}}\">",
	    "{\"t\":\"x\\\" onmouseover=\\\"f()\",\"u\":\"javascript:alert(1)/学 a&b.png\"}",
	    &rc, &err),
	    "<a title=\"x&quot; onmouseover=&quot;f()\" "
	    "href=\"javascript%3Aalert%281%29/%E5%AD%A6%20a%26b.png\">");
	assert_int_equal(rc, 0);
}

static void
json_filter_should_not_let_a_string_end_the_script_element(void **state)
{
	struct hp_err err;
	int rc;
	const char *out;

	(void)state;
	out = fill("<script type=\"application/json\">{{{d|json}}}</script>",
	    "{\"d\":{\"n\":\"</script><!-- & \\u2028\\u2029\",\"v\":[1,2.5,null]}}", &rc, &err);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "<script type=\"application/json\">"
	    "{\"n\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\",\"v\":[1,2.5,null]}"
	    "</script>");
	/* the escaped text is still the same JSON */
	{
		const char *s = strchr(out, '>') + 1;
		char *json = hp_strndup(s, (size_t)(strstr(s, "</script>") - s));
		cJSON *v = cJSON_Parse(json);

		assert_non_null(v);
		assert_string_equal(cJSON_GetObjectItem(v, "n")->valuestring,
		    "</script><!-- & \xe2\x80\xa8\xe2\x80\xa9");
		cJSON_Delete(v);
		free(json);
	}
}

static void
sections_should_loop_over_arrays_and_test_truth(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("{{#xs}}[{{n}}{{#sub}}:{{.}}{{/sub}}]{{/xs}}"
	    "{{^none}}empty{{/none}}{{#flag}}F{{/flag}}{{^flag}}no{{/flag}}{{#o}}{{a}}{{top}}{{/o}}",
	    "{\"xs\":[{\"n\":1,\"sub\":[\"a\",\"b\"]},{\"n\":2.5}],\"none\":[],"
	    "\"flag\":false,\"o\":{\"a\":\"A\"},\"top\":\"T\"}", &rc, &err),
	    "[1:a:b][2.5]emptynoAT");
	assert_int_equal(rc, 0);
}

static void
dotted_names_and_missing_values_should_render_sensibly(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("{{a.b.c}}|{{missing}}|{{a.x}}|{{t}}|{{n}}",
	    "{\"a\":{\"b\":{\"c\":\"deep\"}},\"t\":true,\"n\":1e-05}", &rc, &err),
	    "deep|||true|1e-05");
	assert_int_equal(rc, 0);
}

static void
include_should_insert_the_file_verbatim_and_refuse_end_tags(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	assert_string_equal(fill("<style>{{>a.css}}</style>", "{}", &rc, &err),
	    "<style>body{color:red}</style>");
	assert_int_equal(rc, 0);
	fill("x\n<script>{{>bad.js}}</script>", "{}", &rc, &err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "t.html:2:"));
	fill("{{>nope.css}}", "{}", &rc, &err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "nope.css"));
}

static void
bad_templates_should_fail_with_file_and_line(void **state)
{
	struct hp_err err;
	int rc;

	(void)state;
	fill("a\nb {{#xs}} c", "{}", &rc, &err);
	assert_int_equal(rc, -1);
	assert_string_equal(err.msg, "t.html:2: unclosed section 'xs'");
	fill("{{x|bogus}}", "{\"x\":1}", &rc, &err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "unknown filter 'bogus'"));
	/* an unescaped form must be written with triple braces, and only it */
	fill("{{x|json}}", "{\"x\":1}", &rc, &err);
	assert_int_equal(rc, -1);
	fill("{{{x}}}", "{\"x\":1}", &rc, &err);
	assert_int_equal(rc, -1);
	fill("{{/x}}", "{}", &rc, &err);
	assert_int_equal(rc, -1);
	fill("{{x", "{}", &rc, &err);
	assert_int_equal(rc, -1);
}

static void
template_path_should_prefer_the_given_directory_then_fall_back(void **state)
{
	struct hp_err err;
	char dir[] = "/tmp/hp-tpl-XXXXXX", *p, *f;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	f = hp_sprintf("%s/study.html", dir);
	fp = fopen(f, "w");
	assert_non_null(fp);
	fclose(fp);
	p = report_template_path(dir, "study.html", &err);
	assert_string_equal(p, f);
	free(p);
	/* a file the directory lacks comes from the defaults (the source tree) */
	p = report_template_path(dir, "report.css", &err);
	assert_non_null(p);
	assert_non_null(strstr(p, "templates/report.css"));
	free(p);
	assert_null(report_template_path(dir, "../x", &err));
	remove(f);
	rmdir(dir);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(variable_should_be_escaped_for_html_text_by_default),
		cmocka_unit_test(name_filter_should_break_after_separators_only),
		cmocka_unit_test(attr_and_url_filters_should_keep_values_inside_the_attribute),
		cmocka_unit_test(json_filter_should_not_let_a_string_end_the_script_element),
		cmocka_unit_test(sections_should_loop_over_arrays_and_test_truth),
		cmocka_unit_test(dotted_names_and_missing_values_should_render_sensibly),
		cmocka_unit_test(include_should_insert_the_file_verbatim_and_refuse_end_tags),
		cmocka_unit_test(bad_templates_should_fail_with_file_and_line),
		cmocka_unit_test(template_path_should_prefer_the_given_directory_then_fall_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
