/*
 * Armored framing for serial:PATH (docs/protocol.md §6.1): every frame travels as one line of
 * printable ASCII with a marker, length and CRC, so the bridge picks frames out of a console
 * that also carries kernel and program output, and resynchronises after noise. The codec is
 * the agent's own (agent/armor.c), linked into the library so both ends share one implementation.
 */
#ifndef CB_ARMOR_H
#define CB_ARMOR_H

#include "cb_framing.h"

extern const struct cb_framing cb_framing_armored;

/* Frees the transport's armored-line decoder (called by cb_transport_close). */
void cb_armor_release(struct cb_transport *t);

#endif
