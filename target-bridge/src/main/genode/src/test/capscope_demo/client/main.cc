/*
 * \brief  Capscope demo: a client whose sessions come and go
 *
 * Every period (3 s by default, <config period_ms="..."/>) it takes one step
 * of a four-step cycle, so that snapshots a few seconds apart differ:
 *
 *   0: open a LOG session ("demo", served by the demo's log_server)
 *   1: open a ROM session (its own "config")
 *   2: open a second Timer session, close the LOG session
 *   3: close the ROM and the second Timer session
 */

#include <base/attached_rom_dataspace.h>
#include <base/component.h>
#include <base/log.h>
#include <capscope/agent.h>
#include <log_session/connection.h>
#include <timer_session/connection.h>
#include <util/reconstructible.h>

namespace Demo { struct Client; }

using namespace Genode;


struct Demo::Client
{
	Env &env;

	Attached_rom_dataspace config { env, "config" };

	Timer::Connection timer { env };
	Signal_handler<Client> tick { env.ep(), *this, &Client::step };

	Constructible<Log_connection>         log_session { };
	Constructible<Attached_rom_dataspace> rom { };
	Constructible<Timer::Connection>      second_timer { };

	unsigned steps = 0;

	void step()
	{
		unsigned const phase = steps++ % 4;
		switch (phase) {
		case 0:
			log_session.construct(env, "demo");
			break;
		case 1:
			rom.construct(env, "config");
			break;
		case 2:
			second_timer.construct(env);
			log_session.destruct();
			break;
		case 3:
			rom.destruct();
			second_timer.destruct();
			break;
		}
		log("capscope-demo-client: step ", steps, " (phase ", phase, ")");
		if (log_session.constructed()) {
			String<64> const line("step ", steps);
			log_session->write(line.string());
		}
	}

	Client(Env &env) : env(env)
	{
		uint64_t const period_ms = config.xml().attribute_value("period_ms", uint64_t(3000));
		timer.sigh(tick);
		timer.trigger_periodic(period_ms*1000);
	}
};


void Component::construct(Genode::Env &env)
{
	static Demo::Client client(Capscope::start(env));
}
