/* fuzz_baseline.c - the SARIF baseline loader on any bytes
 *
 * The input is a previous SARIF log. When it parses, the results it
 * holds are matched against a few current findings (those of the seed
 * corpus), and what is left must come back as exactly that many absent
 * results that serialise and re-parse.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"

static const struct baseline_key fuzz_keys[] = {
	{ "RX-PROC-012", "aaaa", "error", "src/a.c", 10 },
	{ "RX-PROC-012", "aaaa", "warning", "src/a.c", 20 },
	{ "RX-MEM-004", "bbbb", NULL, "src/b.c", 5 },
	{ "RX-ENV-001", "cccc", "error", NULL, 0 },
	{ "RX-LIB-001", NULL, "note", "risky", 1 },
	{ NULL, "aaaa", NULL, NULL, 0 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline b;
	char err[256] = "";

	baseline_init(&b);
	if (baseline_parse(&b, (const char *)data, size, err, sizeof(err)) < 0) {
		if (!err[0] || b.n)
			abort();
		baseline_release(&b);
		return 0;
	}
	for (size_t i = 0; i < sizeof(fuzz_keys) / sizeof(fuzz_keys[0]); i++) {
		size_t before = b.matched;
		enum baseline_state st = baseline_match(&b, &fuzz_keys[i]);
		if ((st == BASELINE_NEW) != (b.matched == before) || b.matched > b.n)
			abort();
	}
	json_t *results = json_array();
	if (baseline_append_absent(&b, results) < 0 ||
	    json_array_size(results) != baseline_absent_count(&b))
		abort();
	char *text = json_dumps(results, JSON_COMPACT);
	json_t *again = text ? json_loads(text, 0, NULL) : NULL;
	if (!again || !json_equal(again, results))
		abort();
	json_decref(again);
	free(text);
	json_decref(results);
	baseline_release(&b);
	return 0;
}
