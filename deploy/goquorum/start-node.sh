#!/bin/sh
# GoQuorum (geth fork) node of one member, QBFT from deploy/goquorum/genesis.json, the alternative to Besu.
# Once per node: geth init --datadir /var/lib/goquorum /etc/carbook/goquorum/genesis.json
# and copy permissioned-nodes.json into the data directory (GoQuorum reads it from there with --permissioned).
# GoQuorum's gas price is zero by default on an isQuorum chain; --miner.gasprice 0 says it explicitly.
# Flag names: https://docs.goquorum.consensys.io/reference/cli-syntax
set -eu
exec geth \
  --datadir /var/lib/goquorum \
  --networkid 20251 \
  --nodiscover \
  --permissioned \
  --port 30303 \
  --syncmode full \
  --miner.gasprice 0 \
  --http \
  --http.addr 10.20.1.11 \
  --http.port 8545 \
  --http.api eth,net,web3 \
  --http.vhosts 10.20.1.11,goquorum-carmaker-a.consortium.internal \
  --http.corsdomain '' \
  --metrics --metrics.addr 10.20.1.11 --metrics.port 9545
