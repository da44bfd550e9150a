# 조용한 불일치 — PyTorch 2 쪽
# 항목마다 TensorFlow 쪽과 똑같아 보이는 코드를 실행하고 결과를 찍습니다.
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:setup]
import math
import warnings

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
print("기본 자료형:", torch.get_default_dtype())
print("이미지 형식: NCHW (채널이 먼저)")
# --8<-- [end:setup]

# --8<-- [start:dense-transpose]
from data import DENSE_X

dense_x = torch.from_numpy(DENSE_X)
linear = nn.Linear(4, 4)  # 입력 4개 → 출력 4개
print("weight:", tuple(linear.weight.shape), "= (출력, 입력)")
with torch.no_grad():
    linear_out = linear(dense_x)  # x @ weight.T + bias
print("x @ weight.T + bias, 첫 줄:", linear_out[0].numpy().round(4))
# --8<-- [end:dense-transpose]

# --8<-- [start:default-init]
from data import INIT_FEATURES, INIT_X

init_x = torch.from_numpy(INIT_X)
init_linear = nn.Linear(INIT_FEATURES, INIT_FEATURES)
weight = init_linear.weight.detach()
# 기본값: weight는 kaiming_uniform_(a=√5), bias도 균등 분포에서 뽑음
print(f"weight 표준편차 {weight.std():.4f}, 최대 |값| {weight.abs().max():.4f}")
print("bias가 모두 0인가:", bool(torch.all(init_linear.bias == 0)))
with torch.no_grad():
    init_out = init_linear(init_x)
print(f"출력 표준편차 {init_out.std():.4f}")
# --8<-- [end:default-init]

# --8<-- [start:flatten-order]
from data import IMAGES

images = torch.from_numpy(IMAGES).permute(0, 3, 1, 2)  # NHWC → NCHW
cnn = nn.Sequential(
    nn.Conv2d(2, 3, 3),  # → (3, 4, 4)
    nn.Flatten(),  # → 48, (c, h, w) 순서로 펼침
    nn.Linear(48, 2),
)
with torch.no_grad():
    features = cnn[0](images)
    cnn_out = cnn(images)
print("특징 맵:", tuple(features.shape), "→ 펼치면", tuple(cnn[1](features).shape))
print("Linear weight:", tuple(cnn[2].weight.shape))
# --8<-- [end:flatten-order]

# --8<-- [start:same-padding]
from data import PAD_IMAGE

pad_image = torch.from_numpy(PAD_IMAGE).permute(0, 3, 1, 2)
try:
    nn.Conv2d(2, 3, 3, stride=2, padding="same")
except ValueError as err:
    print("stride 2에 padding='same' →", type(err).__name__)
# 그래서 흔히 padding=k//2 = 1을 씁니다. 출력 크기는 Keras와 같습니다
strided = nn.Conv2d(2, 3, 3, stride=2, padding=1)
with torch.no_grad():
    strided_out = strided(pad_image)
print("stride 2, padding=1:", tuple(pad_image.shape), "→", tuple(strided_out.shape))
# 짝수 커널 4×4, stride 1: padding='same'을 쓸 수 있습니다
even = nn.Conv2d(2, 3, 4, padding="same")
with torch.no_grad():
    even_out = even(pad_image)
print("4×4 커널, 'same':", tuple(pad_image.shape), "→", tuple(even_out.shape))
# --8<-- [end:same-padding]

# --8<-- [start:gru-gates]
from data import GRU_UNITS, SEQUENCES

sequences = torch.from_numpy(SEQUENCES)
# PyTorch: 게이트 순서 r, z, n, bias가 둘 (입력 쪽, 은닉 상태 쪽)
gru = nn.GRU(3, GRU_UNITS, batch_first=True)
for name, param in gru.named_parameters():
    print(f"{name:16s} {tuple(param.shape)}")
print("파라미터 수:", sum(p.numel() for p in gru.parameters()))
# --8<-- [end:gru-gates]

# --8<-- [start:attention-mask]
from data import IS_TOKEN, TOKENS

tokens, is_token = torch.from_numpy(TOKENS), torch.from_numpy(IS_TOKEN)
mha = nn.MultiheadAttention(4, num_heads=2, batch_first=True)
# key_padding_mask에 Keras와 같은 마스크(True = 실제 토큰)를 넘기면?
with torch.no_grad():
    att_out, att_scores = mha(
        tokens,
        tokens,
        tokens,
        key_padding_mask=is_token,
        average_attn_weights=False,
    )
print("출력:", tuple(att_out.shape), "/ 점수:", tuple(att_scores.shape))
print("둘째 문장, 첫 쿼리의 가중치 (헤드 0):")
print(att_scores[1, 0, 0].numpy().round(4))
print("첫 문장 출력에 NaN이 있는가:", bool(att_out[0].isnan().any()))
# --8<-- [end:attention-mask]

# --8<-- [start:dropout-mode]
from data import DROP_X

drop_x = torch.from_numpy(DROP_X)
drop_model = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(8, 1),
)
print("training:", drop_model.training)  # 만든 직후는 학습 모드
with torch.no_grad():
    first, second = drop_model(drop_x), drop_model(drop_x)
print("두 번 부른 결과가 같은가:", torch.equal(first, second))
print("model(x):", first.numpy().ravel().round(4))
# --8<-- [end:dropout-mode]

# --8<-- [start:batchnorm]
from data import BN_BATCHES, BN_TEST

bn_batches, bn_test = torch.from_numpy(BN_BATCHES), torch.from_numpy(BN_TEST)
bn = nn.BatchNorm1d(3)
print("momentum", bn.momentum, "/ eps", bn.eps)
with torch.no_grad():
    bn_train_out = [bn(batch) for batch in bn_batches]  # 만든 직후라 학습 모드
print("running_mean:", bn.running_mean.numpy().round(4))
print("running_var:", bn.running_var.numpy().round(4))
bn.eval()  # 평가 모드: running_mean과 running_var로 정규화
with torch.no_grad():
    bn_eval_out = bn(bn_test)
print("평가 출력 첫 줄:", bn_eval_out[0].numpy().round(4))
# --8<-- [end:batchnorm]

# --8<-- [start:mse-broadcast]
from data import MSE_PRED, MSE_TARGET

mse_target, mse_pred = torch.from_numpy(MSE_TARGET), torch.from_numpy(MSE_PRED)
mse = nn.MSELoss()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mse_value = mse(mse_pred, mse_target)  # (예측, 정답)
shapes = tuple(mse_target.shape), tuple(mse_pred.shape)
print("타깃", shapes[0], "예측", shapes[1], f"→ MSE {mse_value.item():.4f}")
print("경고:", str(caught[0].message).split(". ")[0])
# --8<-- [end:mse-broadcast]

# --8<-- [start:ce-probabilities]
from data import CE_LABELS, CE_LOGITS

ce_logits, ce_labels = torch.from_numpy(CE_LOGITS), torch.from_numpy(CE_LABELS)
# 모델의 마지막 층이 소프트맥스: 확률을 냅니다
probs = nn.Softmax(dim=1)(ce_logits)
ce = nn.CrossEntropyLoss()  # 입력을 로짓으로 여깁니다
ce_value = ce(probs, ce_labels)
print(f"Softmax 층의 확률로: {ce_value.item():.4f}")
# --8<-- [end:ce-probabilities]

# --8<-- [start:bce-clamp]
from data import BCE_LOGITS, BCE_TARGET

bce_logits, bce_target = torch.from_numpy(BCE_LOGITS), torch.from_numpy(BCE_TARGET)
bce_probs = nn.Sigmoid()(bce_logits)
bce = nn.BCELoss(reduction="none")  # 샘플마다
bce_values = bce(bce_probs, bce_target)
print("샘플별 손실:", ", ".join(f"{v:.4f}" for v in bce_values.numpy().ravel()))
print(f"평균: {bce_values.mean().item():.4f}")
# --8<-- [end:bce-clamp]

# --8<-- [start:adam-epsilon]
from data import EPSILON, OPT_LR, OPT_STEPS, REG_B0, REG_W0, REG_X, REG_Y

reg_x, reg_y = torch.from_numpy(REG_X), torch.from_numpy(REG_Y)


def start_linear():
    """data의 W0, B0에서 출발하는 nn.Linear(4, 1)."""
    model = nn.Linear(4, 1)
    with torch.no_grad():
        model.weight.copy_(torch.from_numpy(REG_W0.T))  # (입력, 출력) → (출력, 입력)
        model.bias.copy_(torch.from_numpy(REG_B0))
    return model


def train_step(model, optimizer):
    """전체 배치로 한 번 갱신하고 갱신 전의 손실을 돌려줍니다."""
    optimizer.zero_grad()
    loss = torch.mean((model(reg_x) - reg_y) ** 2)
    loss.backward()
    optimizer.step()
    return loss.item()


def torch_losses(make_optimizer):
    """OPT_STEPS번 갱신하고 (손실 목록, 모델)을 돌려줍니다."""
    model = start_linear()
    optimizer = make_optimizer(model.parameters())
    return [train_step(model, optimizer) for _ in range(OPT_STEPS)], model


adam_losses, adam_model = torch_losses(
    lambda params: torch.optim.Adam(params, lr=OPT_LR, eps=EPSILON)
)
print(f"Adam(eps={EPSILON}): {adam_losses[0]:.4f} → {adam_losses[-1]:.4f}")
rms_losses, rms_model = torch_losses(
    lambda params: torch.optim.RMSprop(params, lr=OPT_LR)
)
print(f"RMSprop: {rms_losses[0]:.4f} → {rms_losses[-1]:.4f}")
rms_defaults = torch.optim.RMSprop([torch.zeros(1)]).defaults
print("RMSprop 기본값: alpha", rms_defaults["alpha"], "/ eps", rms_defaults["eps"])
# --8<-- [end:adam-epsilon]

# --8<-- [start:weight-decay]
from data import WEIGHT_DECAY

wd_losses, wd_model = torch_losses(
    lambda params: torch.optim.Adam(params, lr=OPT_LR, weight_decay=WEIGHT_DECAY)
)
print(f"Adam(weight_decay={WEIGHT_DECAY}): {wd_losses[0]:.4f} → {wd_losses[-1]:.4f}")
adamw_defaults = torch.optim.AdamW([torch.zeros(1)]).defaults
print("AdamW의 기본 weight_decay:", adamw_defaults["weight_decay"])
# --8<-- [end:weight-decay]

# --8<-- [start:sparse-adam]
from data import EMB_IDS, EMB_START, EMB_UPSTREAM

emb_ids, emb_upstream = torch.from_numpy(EMB_IDS), torch.from_numpy(EMB_UPSTREAM)
emb = nn.Embedding.from_pretrained(torch.from_numpy(EMB_START.copy()), freeze=False)
# 1단계에서 Keras와 같은 ε (adam-epsilon 항목 참고)
emb_adam = torch.optim.Adam(emb.parameters(), lr=0.01, eps=1e-7 / math.sqrt(1 - 0.999))
emb_loss = (emb(emb_ids) * emb_upstream).sum()
emb_loss.backward()
print("기울기 종류: 밀집 텐서", tuple(emb.weight.grad.shape))
emb_adam.step()
print("Adam 한 단계 뒤 1번 행:", emb.weight.detach()[1].numpy().round(4))
# --8<-- [end:sparse-adam]

# --8<-- [start:zero-grad]
from data import HEAD_STEPS, HEAD_W0, HEAD_X, HEAD_Y

head_x, head_y = torch.from_numpy(HEAD_X), torch.from_numpy(HEAD_Y)


def train_heads(set_to_none):
    """과제를 번갈아 HEAD_STEPS번 학습하고 (출력층들, 손실 목록)을 돌려줍니다."""
    heads = [nn.Linear(4, 1) for _ in HEAD_W0]  # 과제마다 출력층 하나
    with torch.no_grad():
        for head, w0 in zip(heads, HEAD_W0):
            head.weight.copy_(torch.from_numpy(w0.T))
            head.bias.zero_()
    params = [p for head in heads for p in head.parameters()]
    sgd = torch.optim.SGD(params, lr=0.1, momentum=0.9)
    losses = []
    for step in range(HEAD_STEPS):
        task = step % 2  # 단계마다 과제를 번갈아
        sgd.zero_grad(set_to_none=set_to_none)
        loss = torch.mean((heads[task](head_x) - head_y[task]) ** 2)
        loss.backward()
        if step == 1:
            print(f"2단계, 0번 출력층의 .grad ({set_to_none=}):", params[0].grad)
        sgd.step()  # .grad가 None인 파라미터는 건너뜁니다
        losses.append(loss.item())
    return heads, losses


heads, head_losses = train_heads(set_to_none=True)  # zero_grad()의 기본값
old_heads, old_losses = train_heads(set_to_none=False)  # PyTorch 1.x의 기본값
print("손실 (None):", np.round(head_losses, 4))
print("손실 (0):   ", np.round(old_losses, 4))
# --8<-- [end:zero-grad]
