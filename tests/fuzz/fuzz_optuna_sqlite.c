/*
 * libFuzzer target: the Optuna RDB loader (src/load/optuna_rdb.c).  The
 * bytes become an SQLite file (see fuzz_db.h): raw database pages when they
 * start with the SQLite header, otherwise an SQL script run into a fresh
 * database, which reaches the loader with odd schemas, types and values.
 * The probe looks at the file, then the loader runs on every study; a load
 * must succeed or fail with one line, leaving nothing behind.
 */
#include "../../src/load/internal.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	char *head;
	int rc;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/hpfuzz-optuna-%ld.db", (long)getpid());
	if (fuzz_make_db(path, data, size) < 0)
		return 0;
	head = malloc(size + 1);
	memcpy(head, data, size);
	head[size] = '\0';
	(void)hp_probe_optuna_sqlite(path, head, size);
	free(head);
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	rc = hp_load_optuna_sqlite(path, &opts, &set, &err);
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
