/* rule_env.c - ENV rules: the environment and arguments of programs */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "envscan.h"
#include "rule.h"
#include "util.h"

/* ---- RX-ENV-001 SecretInEnvironment ------------------------------------- */

static void env_exec(struct rule_env *re, struct rx_task *t)
{
	size_t len;
	char *env = envscan_read(t->tid, &len);
	if (!env)
		return;
	struct sbuf shown, name;
	sb_init(&shown);
	sb_init(&name);
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(env + at, len - at);
		struct secret_match m;
		const char *entry = env + at;
		at += n + 1;
		if (secret_classify_env(entry, n, &m) < 0 || m.kind == SECRET_NONE)
			continue;
		const struct secret_kind_info *ki = secret_kind_info(m.kind);
		struct rule_hit h = { RULE_ERROR, 7.5, NULL, true, true };
		if (!ki->credential) {
			h.level = RULE_WARNING;
			h.severity = 5.3;
		}
		sb_reset(&shown);
		secret_redact_env(&shown, entry, n, &m);
		sb_reset(&name);
		sb_putn(&name, entry, m.name_len);
		h.key = name.p;
		rule_report(re, t, &h, "%s in the environment (%s)", shown.p,
			    ki->label);
	}
	sb_release(&shown);
	sb_release(&name);
	memset(env, 0, len);
	free(env);
}

const struct rule_impl rule_impls_env[] = {
	{ .idx = RULE_IDX_SecretInEnvironment, .exec = env_exec },
	{ 0 },
};
