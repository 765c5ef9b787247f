/*
 * json: JSON as Python's json.dumps writes it (json.h), on top of cJSON.
 * Loaders read their inputs with it, and tests their expected values.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hpreport/json.h"

/*
 * Python's json.dumps writes bare NaN, Infinity and -Infinity.  cJSON rejects
 * them, so a copy of the text is rewritten first: the infinities become
 * 1e999 / -1e999 (strtod gives +-inf), NaN becomes a string holding a
 * private marker which the tree walk below turns back into a NaN number.
 */
#define NAN_MARK "\"\\u0001hp-nan\""
#define NAN_MARK_DECODED "\001hp-nan"

static void
restore_nan(cJSON *item)
{
	for (; item != NULL; item = item->next) {
		if (cJSON_IsString(item) &&
		    strcmp(item->valuestring, NAN_MARK_DECODED) == 0) {
			free(item->valuestring);
			item->valuestring = NULL;
			item->type = cJSON_Number;
			item->valuedouble = NAN;
			item->valueint = 0;
		}
		if (item->child)
			restore_nan(item->child);
	}
}

static int
word_at(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(end - p) < n || memcmp(p, w, n) != 0)
		return 0;
	/* the word must end there: not part of a longer identifier */
	return p + n == end || !((p[n] >= 'a' && p[n] <= 'z') ||
	    (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9'));
}

static void
locate(const char *text, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

/* Rejects number literals outside strings that overflow a double (1e400):
 * cJSON would make them infinite. */
static int
json_check_range(const char *text, size_t len, const char *where, struct hp_err *err)
{
	int instr = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i], small[64], *tmp;
		size_t j = i, l, col;
		double v;

		if (instr) {
			if (c == '\\' && i + 1 < len)
				i++;
			else if (c == '"')
				instr = 0;
			continue;
		}
		if (c == '"') {
			instr = 1;
			continue;
		}
		if (!((c >= '0' && c <= '9') || c == '-'))
			continue;
		while (j < len && text[j] != '\0' && strchr("0123456789+-.eE", text[j]) != NULL)
			j++;
		tmp = j - i < sizeof(small) ? small : hp_malloc(j - i + 1);
		memcpy(tmp, text + i, j - i);
		tmp[j - i] = '\0';
		v = strtod(tmp, NULL);
		if (tmp != small)
			free(tmp);
		if (text[j - 1] >= '0' && text[j - 1] <= '9' && isinf(v)) {
			locate(text, i, &l, &col);
			return hp_err_set(err, "%s:%zu:%zu: number out of range", where, l, col);
		}
		i = j - 1;
	}
	return 0;
}

/*
 * A NUL in a string would cut every C string made from it ("p\u0000x" and
 * "p\u0000y" would both be param "p"), and a raw NUL byte is no JSON:
 * both are refused at their place.  0, or -1 with err.
 */
static int
json_check_nul(const char *text, size_t len, const char *where, struct hp_err *err)
{
	int instr = 0;
	size_t l, c;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0') {
			locate(text, i, &l, &c);
			return hp_err_set(err, "%s:%zu:%zu: a NUL byte", where, l, c);
		}
		if (!instr) {
			instr = text[i] == '"';
			continue;
		}
		if (text[i] == '"')
			instr = 0;
		else if (text[i] == '\\' && i + 1 < len) {
			if (len - i >= 6 && memcmp(text + i + 1, "u0000", 5) == 0) {
				locate(text, i, &l, &c);
				return hp_err_set(err, "%s:%zu:%zu: \"\\u0000\" (NUL) in a "
				    "string: hpreport cannot keep a name or text with a NUL",
				    where, l, c);
			}
			i++;
		}
	}
	return 0;
}

/*
 * Refuses anything but blanks after the document that ends at `off` of
 * the parsed text (a second study there would be silently dropped).
 * `orig` is that offset in the caller's text.  0, or -1 with err.
 */
static int
json_check_end(const char *text, size_t len, size_t orig, const char *where,
    struct hp_err *err)
{
	size_t l, c;

	while (orig < len && strchr(" \t\r\n", text[orig]) != NULL)
		orig++;
	if (orig >= len)
		return 0;
	locate(text, orig, &l, &c);
	return hp_err_set(err, "%s:%zu:%zu: text after the end of the JSON document",
	    where, l, c);
}

cJSON *
hp_json_parse(const char *text, size_t len, const char *where, struct hp_err *err)
{
	struct hp_buf b;
	const char *p = text, *end = text + len, *run = text, *perr = NULL;
	size_t *map = NULL, nmap = 0, capmap = 0;	/* pairs: rewritten offset, original offset */
	int instr = 0, special = 0;
	cJSON *root;

	/* a UTF-8 byte order mark (Windows editors write one) is no content */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
		p = run = text;
	}
	if (json_check_nul(text, len, where, err) < 0 ||
	    json_check_range(text, len, where, err) < 0)
		return NULL;
	for (const char *q = text; q < end; q++)
		if (*q == 'N' || *q == 'I') {
			special = 1;
			break;
		}
	if (!special) {
		root = cJSON_ParseWithLengthOpts(text, len, &perr, 0);
		if (root == NULL) {
			size_t off = perr && perr >= text ? (size_t)(perr - text) : 0, l, c;

			locate(text, off, &l, &c);
			hp_err_set(err, "%s:%zu:%zu: malformed JSON", where, l, c);
		} else if (json_check_end(text, len, (size_t)(perr - text), where, err) < 0) {
			cJSON_Delete(root);
			root = NULL;
		}
		return root;
	}
	hp_buf_init(&b);
	while (p < end) {
		const char *rep = NULL;
		size_t skip = 0;

		if (instr) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				instr = 0;
			p++;
			continue;
		}
		if (*p == '"')
			instr = 1;
		else if (word_at(p, end, "NaN")) {
			rep = NAN_MARK;
			skip = 3;
		} else if (word_at(p, end, "Infinity")) {
			rep = "1e999";
			skip = 8;
		}
		if (rep == NULL) {
			p++;
			continue;
		}
		hp_buf_add(&b, run, (size_t)(p - run));
		hp_grow(&map, &capmap, nmap + 2, sizeof(*map));
		map[nmap++] = b.len;
		map[nmap++] = (size_t)(p - text);
		hp_buf_puts(&b, rep);
		p += skip;
		run = p;
	}
	hp_buf_add(&b, run, (size_t)(end - run));
	root = cJSON_ParseWithLengthOpts(b.s, b.len, &perr, 0);
	if (root == NULL) {
		size_t off = perr && perr >= b.s ? (size_t)(perr - b.s) : 0, orig = off, l, c;

		/* map the offset in the rewritten text back to the original */
		for (size_t i = 0; i + 1 < nmap && map[i] <= off; i += 2)
			orig = map[i + 1] + (off - map[i] > 0 ? 1 : 0);
		if (nmap == 0 || map[0] > off)
			orig = off;
		if (orig > len)
			orig = len;
		locate(text, orig, &l, &c);
		hp_err_set(err, "%s:%zu:%zu: malformed JSON", where, l, c);
	} else {
		/* where the document ends in the caller's text: the rewriting
		 * changed nothing between there and the next rewritten word */
		size_t off = (size_t)(perr - b.s), orig = len - (b.len - off);

		for (size_t i = 0; i + 1 < nmap; i += 2)
			if (map[i] >= off) {
				orig = map[i + 1] - (map[i] - off);
				break;
			}
		restore_nan(root);
		if (json_check_end(text, len, orig, where, err) < 0) {
			cJSON_Delete(root);
			root = NULL;
		}
	}
	free(map);
	hp_buf_release(&b);
	return root;
}

int
hp_json_number(const cJSON *item, double *out)
{
	if (!cJSON_IsNumber(item))
		return -1;
	*out = item->valuedouble;
	return 0;
}

cJSON *
hp_json_exact(double v)
{
	char buf[40];

	hp_fmt_double(buf, sizeof(buf), v);
	return isfinite(v) ? cJSON_CreateRaw(buf) : cJSON_CreateString(buf);
}
