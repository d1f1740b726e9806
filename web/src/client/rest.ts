// Queries over the node's REST gateway (grpc-gateway), decoded with the
// generated ts-proto codecs: Int and Dec amounts stay decimal strings, uint64
// stays a string, timestamps become Date. Nothing is recomputed here: each
// function returns what the chain's query returned.
import * as q from "../gen/flock/modeltoken/v1/query.js";

/** A query the node refused: the gRPC code and message from the REST body. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "RestError";
  }
}

interface Decoder<T> {
  fromJSON(object: any): T;
}

export interface Coin {
  denom: string;
  amount: string;
}

export class RestClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchFn: typeof fetch = (...a) => globalThis.fetch(...a),
  ) {}

  /** getJSON fetches path (with query params) and returns the parsed body. */
  async getJSON(path: string, params: Record<string, string | number | undefined> = {}): Promise<any> {
    const url = new URL(this.baseUrl.replace(/\/$/, "") + path, globalThis.location?.href);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    const res = await this.fetchFn(url.toString(), { headers: { accept: "application/json" } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new RestError(res.status, Number(body.code ?? 0), String(body.message ?? res.statusText), path);
    return body;
  }

  private async get<T>(dec: Decoder<T>, path: string, params?: Record<string, string | number | undefined>): Promise<T> {
    return dec.fromJSON(await this.getJSON(path, params));
  }

  // --- x/modeltoken ---
  params = () => this.get(q.QueryParamsResponse, "/flock/modeltoken/v1/params");
  modelTokens = () => this.get(q.QueryModelTokensResponse, "/flock/modeltoken/v1/model_tokens", { "pagination.limit": 200 });
  economy = (denom: string) => this.get(q.QueryModelEconomyResponse, "/flock/modeltoken/v1/economy", { denom });
  launches = (status?: string) =>
    this.get(q.QueryLaunchesResponse, "/flock/modeltoken/v1/launches", { status, "pagination.limit": 200 });
  launch = (id: string) => this.get(q.QueryLaunchResponse, `/flock/modeltoken/v1/launches/${enc(id)}`);
  buyQuote = (id: string, amount: string) =>
    this.get(q.QueryBuyQuoteResponse, `/flock/modeltoken/v1/launches/${enc(id)}/quote`, { amount });
  claim = (id: string, supporter: string) =>
    this.get(q.QueryClaimResponse, `/flock/modeltoken/v1/launches/${enc(id)}/claims/${enc(supporter)}`);
  pool = (denom: string) => this.get(q.QueryPoolResponse, "/flock/modeltoken/v1/pool", { denom });
  twap = (denom: string) => this.get(q.QueryTwapResponse, "/flock/modeltoken/v1/pool/twap", { denom });
  epoch = () => this.get(q.QueryCurrentEpochResponse, "/flock/modeltoken/v1/epoch");
  epochSummary = (epoch: string | number) => this.get(q.QueryEpochSummaryResponse, `/flock/modeltoken/v1/epochs/${epoch}`);
  epochModelReward = (epoch: string | number, denom: string) =>
    this.get(q.QueryEpochModelRewardResponse, `/flock/modeltoken/v1/epochs/${epoch}/model`, { denom });
  modelUsage = (epoch: string | number, denom: string) =>
    this.get(q.QueryModelUsageResponse, `/flock/modeltoken/v1/usage/${epoch}/model`, { denom });
  positions = (owner: string) =>
    this.get(q.QueryPositionsByOwnerResponse, `/flock/modeltoken/v1/positions/${enc(owner)}`, { "pagination.limit": 200 });
  unbondings = (owner: string) =>
    this.get(q.QueryUnbondingsResponse, `/flock/modeltoken/v1/unbondings/${enc(owner)}`, { "pagination.limit": 200 });
  discount = (owner: string, denom: string) =>
    this.get(q.QueryDiscountResponse, `/flock/modeltoken/v1/discount/${enc(owner)}`, { denom });
  gmflock = (owner: string) => this.get(q.QueryGmFlockResponse, `/flock/modeltoken/v1/gmflock/${enc(owner)}`);
  pendingRewards = (owner: string) => this.get(q.QueryPendingRewardsResponse, `/flock/modeltoken/v1/rewards/${enc(owner)}`);

  // --- SDK modules the pages need ---
  async balances(owner: string): Promise<Coin[]> {
    const body = await this.getJSON(`/cosmos/bank/v1beta1/balances/${enc(owner)}`, { "pagination.limit": 200 });
    return (body.balances ?? []).map((c: any) => ({ denom: String(c.denom), amount: String(c.amount) }));
  }
  async nodeChainId(): Promise<string> {
    const body = await this.getJSON("/cosmos/base/tendermint/v1beta1/node_info");
    return String(body.default_node_info?.network ?? "");
  }
}

const enc = encodeURIComponent;
