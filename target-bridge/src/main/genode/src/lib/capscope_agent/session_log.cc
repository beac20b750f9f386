/*
 * \brief  The sessions a component opened, as Genode's session protocol says
 */

#include <base/capability.h>
#include <parent/parent.h>
#include <util/arg_string.h>

/* base-internal: the Cap_index a capability is filed in */
#include <base/internal/cap_map.h>

#include "session_log.h"

using namespace Genode;
using namespace Capscope;


static void const *entry_of(Native_capability const &cap) { return cap.data(); }

static unsigned id_of(Native_capability const &cap)
{
	return cap.data() ? cap.data()->id() : 0;
}


void Session_log::_record(Parent::Service_name const &service, Parent::Client::Id id,
                          Parent::Session_args const &args, Session_capability cap,
                          bool env_session)
{
	if (!cap.valid())
		return;

	char label[Label::capacity()] { };
	Arg_string::find_arg(args.string(), "label").string(label, sizeof(label), "");

	/* the arguments without the label, which has a field of its own */
	char rest[Args::capacity()] { };
	copy_cstring(rest, args.string(), sizeof(rest));
	Arg_string::remove_arg(rest, "label");
	char const *r = rest;
	while (*r == ',' || *r == ' ') r++;
	for (size_t n = strlen(rest); n && (rest[n - 1] == ',' || rest[n - 1] == ' '); n--)
		rest[n - 1] = 0;

	Mutex::Guard guard(_mutex);
	_changes++;

	/* a session re-recorded (an env session asked for again) keeps one record */
	for (Record &rec : _records)
		if (rec.used && rec.client_id == id) { rec.used = false; break; }

	for (Record &rec : _records) {
		if (rec.used) continue;
		rec = Record { true, env_session, id, entry_of(cap), id_of(cap),
		               Service(service.string()), Label(Cstring(label)), Args(Cstring(r)),
		               Arg_string::find_arg(args.string(), "ram_quota").ulong_value(0) };
		return;
	}
	/* full: the session shows no meaning, which is what Capscope says then */
}


Session_capability Session_log::session(Parent::Service_name const &service,
                                        Parent::Client::Id id,
                                        Parent::Session_args const &args,
                                        Affinity const &affinity)
{
	Session_capability cap = _env.session(service, id, args, affinity);
	_record(service, id, args, cap, false);
	return cap;
}


Session_capability Session_log::try_session(Parent::Service_name const &service,
                                            Parent::Client::Id id,
                                            Parent::Session_args const &args,
                                            Affinity const &affinity)
{
	Session_capability cap = _env.try_session(service, id, args, affinity);
	_record(service, id, args, cap, false);
	return cap;
}


void Session_log::close(Parent::Client::Id id)
{
	{
		Mutex::Guard guard(_mutex);
		for (Record &rec : _records)
			if (rec.used && rec.client_id == id) { rec.used = false; _changes++; }
	}
	_env.close(id);
}


void Session_log::record_env_sessions()
{
	/*
	 * PD and CPU: the Env hands out their capabilities. LOG: its capability
	 * comes from the parent by the environment session's fixed id (a
	 * capability the component already holds, so its entry is the known one).
	 * The ROM sessions of the binary and the linker exist only for dynamically
	 * linked components and stay unnamed here.
	 */
	Parent::Session_args const none("");
	_record("PD",  Parent::Env::pd(),  none, _env.pd_session_cap(),  true);
	_record("CPU", Parent::Env::cpu(), none, _env.cpu_session_cap(), true);

	Session_capability log_cap = _env.parent().session_cap(Parent::Env::log())
		.convert<Session_capability>([&] (Session_capability cap) { return cap; },
		                             [&] (Parent::Session_cap_error) { return Session_capability(); });
	_record("LOG", Parent::Env::log(), none, log_cap, true);
}


void Session_log::record_own(Native_capability const &cap, char const *service,
                             char const *label)
{
	Mutex::Guard guard(_mutex);
	_changes++;
	for (Record &rec : _records) {
		if (rec.used) continue;
		rec = Record { true, false, Parent::Client::Id { ~0UL }, entry_of(cap), id_of(cap),
		               Service(service), Label(label), Args(), 0 };
		return;
	}
}


bool Session_log::lookup(void const *entry, unsigned cap_id, Record &out)
{
	Mutex::Guard guard(_mutex);
	for (Record const &rec : _records)
		if (rec.used && rec.entry == entry && rec.cap_id == cap_id) {
			out = rec;
			return true;
		}
	return false;
}
