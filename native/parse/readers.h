// The readers of a request's parts, each in its own file of parse/; request.cpp reads the envelope and calls them.
// A bad value anywhere becomes an input issue of the organisation, and the rest is still read.
#pragma once

#include <cstddef>
#include <optional>

#include "json_input.h"
#include "model/organisation.h"
#include "parse/request.h"

namespace ecd {

/// connectors.cpp: one Get-ReceiveConnector object or an array of them at `where`; `first_item` numbers the input
/// items (pipeline objects) they came from, when they came from the request's "connectors".
void read_connectors(const json& value, const Location& where, std::optional<std::size_t> first_item,
                     Organisation& organisation);

/// connectors.cpp: the properties of one connector object read into `connector`, which is not added (the parameters
/// of a change, parse/change.h); what cannot be read becomes an input issue of `organisation`.
void read_connector_values(const json& value, const Location& where, Connector& connector, Organisation& organisation);

/// servers.cpp: one entry of "servers"; then, once every connector and server is read, each connector is placed
/// on its server, the servers sorted by name and their profiles inferred.
void read_server(const json& value, const Location& where, Organisation& organisation);
void place_connectors_on_servers(Organisation& organisation);
/// servers.cpp: one entry of "transportServices" (Get-TransportService objects): the internal transport certificate
/// thumbprint of a server of the analysis (read after place_connectors_on_servers; other servers are left out).
void read_transport_service(const json& value, const Location& where, Organisation& organisation);

/// hybrid.cpp: "hybridConfiguration" (Get-HybridConfiguration) and "loadBalancers" (addresses that translate
/// the source address of what they forward).
void read_hybrid_configuration(const json& root, Organisation& organisation);
void read_load_balancers(const json& root, Organisation& organisation);
/// Places them again after a change added a connector or changed one (parse/change.h): the servers' connector lists
/// and profiles are made anew.
void replace_connectors_on_servers(Organisation& organisation);

/// certificates.cpp: "certificates" (Get-ExchangeCertificate objects) and "asOf".
void read_certificates(const json& root, Organisation& organisation);

/// queries.cpp: "queries" (resolve), "texts" (smtp), "queues" (analyze -Queue).
void read_queries(const json& root, Request& request);
void read_smtp_texts(const json& root, Request& request);
void read_queues(const json& root, Request& request);

/// change_request.cpp: "change" and "applyFixes" (the change operation).
void read_change(const json& root, Request& request);

}  // namespace ecd
