/*
 * \brief  The sessions a component opened, as Genode's session protocol says
 *
 * Capscope::start returns this Env: it forwards everything to the
 * component's own Env and notes each session request on the way (service,
 * label, arguments, and the Cap_index entry the session capability landed
 * in), and forgets it when the session is closed. Nothing is kept by hand:
 * a Connection opened through this Env is seen, one opened through another
 * is not (its cap-map entry shows no meaning then).
 *
 * The records name Cap_index entries by address only, so they hold no
 * reference and leave the ref counts the walk shows untouched.
 */

#ifndef _CAPSCOPE__SESSION_LOG_H_
#define _CAPSCOPE__SESSION_LOG_H_

#include <base/env.h>
#include <base/mutex.h>
#include <util/string.h>

namespace Capscope { class Session_log; }


class Capscope::Session_log : public Genode::Env
{
	public:

		using Parent = Genode::Parent;

		enum { MAX_RECORDS = 96 };

		using Service = Genode::String<32>;
		using Label   = Genode::String<160>;
		using Args    = Genode::String<160>;

		struct Record
		{
			bool                  used;
			bool                  env_session; /* opened by the parent for the component */
			Parent::Client::Id    client_id;
			void const           *entry;       /* the Cap_index the session cap is filed in */
			unsigned              cap_id;      /* its id when recorded (a stale entry has another) */
			Service               service;
			Label                 label;       /* as the component asked for it */
			Args                  args;        /* without the label */
			Genode::size_t        ram_quota;
		};

	private:

		Genode::Env    &_env;
		Genode::Mutex   _mutex { };
		Record          _records[MAX_RECORDS] { };
		unsigned long   _changes = 0;

		void _record(Parent::Service_name const &, Parent::Client::Id,
		             Parent::Session_args const &, Genode::Session_capability,
		             bool env_session);

	public:

		Session_log(Genode::Env &env) : _env(env) { }

		/* the environment sessions the parent opened before the component ran */
		void record_env_sessions();

		/* record a capability the agent knows the meaning of itself */
		void record_own(Genode::Native_capability const &, char const *service,
		                char const *label);

		/* the record for the Cap_index at `entry` holding id `cap_id`, if any */
		bool lookup(void const *entry, unsigned cap_id, Record &out);

		/* moves whenever a session was opened or closed */
		unsigned long changes() { Genode::Mutex::Guard g(_mutex); return _changes; }


		/*************************
		 ** Genode::Env interface **
		 *************************/

		Genode::Parent      &parent() override { return _env.parent(); }
		Genode::Cpu_session &cpu()    override { return _env.cpu(); }
		Genode::Region_map  &rm()     override { return _env.rm(); }
		Genode::Pd_session  &pd()     override { return _env.pd(); }
		Genode::Entrypoint  &ep()     override { return _env.ep(); }

		Genode::Cpu_session_capability cpu_session_cap() override { return _env.cpu_session_cap(); }
		Genode::Pd_session_capability  pd_session_cap()  override { return _env.pd_session_cap(); }

		Genode::Id_space<Parent::Client> &id_space() override { return _env.id_space(); }

		Genode::Session_capability session(Parent::Service_name const &,
		                                   Parent::Client::Id,
		                                   Parent::Session_args const &,
		                                   Genode::Affinity const &) override;

		Genode::Session_capability try_session(Parent::Service_name const &,
		                                       Parent::Client::Id,
		                                       Parent::Session_args const &,
		                                       Genode::Affinity const &) override;

		void upgrade(Parent::Client::Id id, Parent::Upgrade_args const &args) override {
			_env.upgrade(id, args); }

		void close(Parent::Client::Id) override;

		void exec_static_constructors() override { _env.exec_static_constructors(); }
};

#endif
