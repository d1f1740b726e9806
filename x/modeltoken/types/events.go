package types

// Event types and attribute keys emitted by x/modeltoken.
const (
	EventUpsertModelType = "upsert_model_type"
	EventCreateLaunch    = "create_launch"
	EventBuy             = "launch_buy"
	EventGraduate        = "launch_graduate"
	EventFail            = "launch_fail"
	EventClaimLaunch     = "launch_claim"
	EventClaimVested     = "claim_vested"
	EventBurn            = "model_token_burn"

	AttrModelType    = "model_type"
	AttrLaunchID     = "launch_id"
	AttrCreator      = "creator"
	AttrSymbol       = "symbol"
	AttrDenom        = "denom"
	AttrEndTime      = "end_time"
	AttrBuyer        = "buyer"
	AttrGross        = "gross"
	AttrNet          = "net"
	AttrFee          = "platform_fee"
	AttrCreatorFee   = "creator_fee"
	AttrTax          = "anti_snipe_tax"
	AttrRefund       = "refund"
	AttrMTOut        = "mt_out"
	AttrRaised       = "raised"
	AttrSold         = "sold"
	AttrAmount       = "amount"
	AttrRecipient    = "recipient"
	AttrReason       = "reason"
	AttrUnsoldBurned = "unsold_burned"
)
