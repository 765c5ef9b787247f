/*
 * url: parsing and redacting database URLs (see url.h), and
 * hp_input_name, the one place that decides how an input is named in
 * messages, `hpreport info` and the report: with a password replaced by
 * "***".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hpreport/load.h"
#include "url.h"

static const struct {
	const char	*scheme;
	enum hp_url_kind kind;
} schemes[] = {
	{ "postgresql", HP_URL_PG }, { "postgres", HP_URL_PG },
	{ "mysql", HP_URL_MYSQL }, { "mariadb", HP_URL_MYSQL },
	{ "redis", HP_URL_REDIS }, { "sqlite", HP_URL_SQLITE },
};

int
hp_url_kind_of(const char *s)
{
	const char *sep = strstr(s, "://");
	size_t n;

	if (sep == NULL)
		return -1;
	/* the scheme, without a "+driver" part */
	n = strcspn(s, "+:");
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strlen(schemes[i].scheme) == n && strncasecmp(s, schemes[i].scheme, n) == 0)
			return (int)schemes[i].kind;
	return -1;
}

/*
 * Length of the URL scheme s starts with, without the ':' ("rediss",
 * "postgresql+psycopg2"), or 0.  RFC 3986: a letter, then letters,
 * digits, '+', '-' or '.'; two characters at least, so that a Windows
 * drive "C:" is no scheme.
 */
static size_t
scheme_len(const char *s)
{
	size_t n = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	    (s[n] >= '0' && s[n] <= '9') || s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	return s[n] == ':' && n >= 2 ? n : 0;
}

/*
 * Where the password of `s` starts and its length, if it has one, and a
 * "password" query parameter (libpq takes one).  Returns the number of
 * spans found (up to max), in order.
 *
 * Any scheme counts, not only those hpreport reads: a password must not
 * show because of a scheme it does not know (rediss://, unix://,
 * cockroachdb://) or a typo (postgresql:/..., one slash).  The user info
 * is USER:PASSWORD@ after the scheme's slashes, USER holding none of
 * ":/@?#"; the password ends at the last '@' of the authority, or, when
 * the authority has none (a password with a '/' or '?' in it), at the
 * last '@' of the whole string: hiding too much is the safe mistake.
 */
static size_t
password_spans(const char *s, size_t *at, size_t *len, size_t max)
{
	size_t sl = scheme_len(s), n = 0;
	const char *auth, *end, *amp = NULL, *colon, *q;

	if (sl == 0 || max == 0)
		return 0;
	auth = s + sl + 1;
	auth += strspn(auth, "/");
	end = auth + strcspn(auth, "/?#");
	colon = auth + strcspn(auth, ":/@?#");
	if (*colon == ':') {
		for (const char *p = colon; p < end; p++)
			if (*p == '@')
				amp = p;
		if (amp == NULL)
			amp = strrchr(colon, '@');
		if (amp) {
			at[n] = (size_t)(colon + 1 - s);
			len[n++] = (size_t)(amp - colon - 1);
			end = amp + 1 + strcspn(amp + 1, "/?#");
		}
	}
	if ((q = strchr(end, '?')) == NULL)
		return n;
	for (q++; *q && n < max; ) {
		size_t kl = strcspn(q, "=&#");

		if (q[kl] == '=' && kl == 8 && strncasecmp(q, "password", 8) == 0) {
			at[n] = (size_t)(q + 9 - s);
			len[n++] = strcspn(q + 9, "&#");
		}
		q += strcspn(q, "&#");
		if (*q != '&')
			break;
		q++;
	}
	return n;
}

char *
hp_input_name(const char *input)
{
	size_t at[4], len[4], n, from = 0;
	struct hp_buf b;

	n = password_spans(input, at, len, 4);
	if (n == 0)
		return hp_strdup(input);
	hp_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		hp_buf_add(&b, input + from, at[i] - from);
		hp_buf_puts(&b, "***");
		from = at[i] + len[i];
	}
	hp_buf_puts(&b, input + from);
	return b.s;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A percent-decoded copy of s[0..n), or NULL for a bad escape or a NUL. */
static char *
decode(const char *s, size_t n)
{
	char *out = hp_malloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h, l;

			if (i + 2 >= n)
				goto bad;
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				goto bad;
			*o++ = (char)(h * 16 + l);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

void
hp_url_release(struct hp_url *u)
{
	if (u == NULL)
		return;
	free(u->user);
	free(u->password);
	free(u->host);
	free(u->path);
	for (size_t i = 0; i < u->nq; i++) {
		free(u->qkey[i]);
		free(u->qval[i]);
	}
	free(u->qkey);
	free(u->qval);
	free(u->libpq);
	memset(u, 0, sizeof(*u));
}

const char *
hp_url_query(const struct hp_url *u, const char *key)
{
	for (size_t i = 0; i < u->nq; i++)
		if (strcmp(u->qkey[i], key) == 0)
			return u->qval[i];
	return NULL;
}

static int
bad_url(const char *s, struct hp_err *err, const char *why)
{
	char *name = hp_input_name(s);

	hp_err_set(err, "%s: %s", name, why);
	free(name);
	return -1;
}

static int
parse(const char *s, struct hp_url *u, struct hp_err *err)
{
	const char *auth, *end, *amp = NULL, *hp, *colon, *p;
	int kind = hp_url_kind_of(s);

	if (kind < 0)
		return bad_url(s, err, "not a database URL (postgresql://, mysql://, "
		    "mariadb://, redis://, sqlite:///)");
	u->kind = (enum hp_url_kind)kind;
	auth = strstr(s, "://") + 3;
	if (u->kind == HP_URL_SQLITE) {
		/* SQLAlchemy: everything after the third slash is the path */
		if (*auth != '/' || auth[1] == '\0')
			return bad_url(s, err, "expected sqlite:///PATH");
		u->path = hp_strdup(auth + 1);
		return 0;
	}
	end = auth + strcspn(auth, "/?#");
	for (p = auth; p < end; p++)
		if (*p == '@')
			amp = p;
	if (amp) {
		const char *c = memchr(auth, ':', (size_t)(amp - auth));

		u->user = decode(auth, (size_t)((c ? c : amp) - auth));
		if (c)
			u->password = decode(c + 1, (size_t)(amp - c - 1));
		if (u->user == NULL || (c && u->password == NULL))
			goto bad_escape;
		if (u->user[0] == '\0') {
			free(u->user);
			u->user = NULL;
		}
		hp = amp + 1;
	} else
		hp = auth;
	if (*hp == '[') {
		const char *rb = memchr(hp, ']', (size_t)(end - hp));

		if (rb == NULL)
			return bad_url(s, err, "unclosed '[' in the host");
		u->host = hp_strndup(hp + 1, (size_t)(rb - hp - 1));
		colon = rb + 1 < end && rb[1] == ':' ? rb + 1 : NULL;
	} else {
		colon = memchr(hp, ':', (size_t)(end - hp));
		if ((colon ? colon : end) > hp &&
		    (u->host = decode(hp, (size_t)((colon ? colon : end) - hp))) == NULL)
			goto bad_escape;
	}
	if (colon) {
		long port = 0;

		for (p = colon + 1; p < end; p++) {
			if (*p < '0' || *p > '9' || port > 65535)
				return bad_url(s, err, "the port is not a number from 1 to 65535");
			port = port * 10 + (*p - '0');
		}
		if (p == colon + 1 || port < 1 || port > 65535)
			return bad_url(s, err, "the port is not a number from 1 to 65535");
		u->port = (int)port;
	}
	p = end;
	if (*p == '/') {
		size_t n = strcspn(p + 1, "?#");

		if (n > 0 && (u->path = decode(p + 1, n)) == NULL)
			goto bad_escape;
		p += 1 + n;
	}
	if (*p == '?') {
		for (p++; *p && *p != '#'; ) {
			size_t n = strcspn(p, "&#"), kl = strcspn(p, "=&#");
			char *k, *v;

			if (n > 0) {
				k = decode(p, kl);
				v = kl < n ? decode(p + kl + 1, n - kl - 1) : hp_strdup("");
				if (k == NULL || v == NULL) {
					free(k);
					free(v);
					goto bad_escape;
				}
				u->qkey = hp_reallocarray(u->qkey, u->nq + 1, sizeof(char *));
				u->qval = hp_reallocarray(u->qval, u->nq + 1, sizeof(char *));
				u->qkey[u->nq] = k;
				u->qval[u->nq++] = v;
			}
			p += n;
			if (*p == '&')
				p++;
		}
	}
	if (u->kind == HP_URL_PG) {
		/* libpq parses its own URI; it knows the scheme without "+driver" */
		struct hp_buf b;

		hp_buf_init(&b);
		hp_buf_puts(&b, "postgresql://");
		hp_buf_puts(&b, auth);
		u->libpq = b.s;
	}
	return 0;
bad_escape:
	return bad_url(s, err, "malformed %-escape");
}

int
hp_url_parse(const char *s, struct hp_url *u, struct hp_err *err)
{
	memset(u, 0, sizeof(*u));
	if (parse(s, u, err) < 0) {
		hp_url_release(u);
		return -1;
	}
	return 0;
}
