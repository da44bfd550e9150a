# LSTM/GRU: 문자 시퀀스 예측과 텍스트 생성 (+시계열 회귀) — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn

from data import CHAR_X, CHAR_Y, CHARS, TEXT, WINDOW, decode

torch.manual_seed(0)

x_chars = torch.from_numpy(CHAR_X)  # (창 수, 10) int64
y_chars = torch.from_numpy(CHAR_Y)
dtype = str(x_chars.dtype).removeprefix("torch.")
print("문장 길이:", len(TEXT), "글자 / 어휘:", len(CHARS), "글자")
print("입력:", tuple(x_chars.shape), dtype, "/ 정답:", tuple(y_chars.shape))
print(f"첫 창: {decode(CHAR_X[0])!r} → {decode(CHAR_Y[0])!r} (창 길이 {WINDOW})")
# --8<-- [end:data]


# --8<-- [start:model]
from data import EMBED_DIM, UNITS


def like_keras_bias(lstm):
    """Keras LSTM처럼 편향 하나만 학습하고 forget 게이트 편향을 1로 시작합니다."""
    units = lstm.hidden_size
    for name, parameter in lstm.named_parameters():
        if name.startswith("bias_ih"):  # [i; f; g; o] 순서
            nn.init.zeros_(parameter)
            nn.init.ones_(parameter[units : 2 * units])  # unit_forget_bias=True
        if name.startswith("bias_hh"):  # 둘째 편향은 0으로 고정
            nn.init.zeros_(parameter)
            parameter.requires_grad_(False)


class CharLSTM(nn.Module):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        # num_layers=2: 두 층을 모듈 하나로. 상태도 (층 수, B, H)에 함께 담깁니다
        self.lstm = nn.LSTM(embed_dim, units, num_layers=2, batch_first=True)
        like_keras_bias(self.lstm)
        self.fc = nn.Linear(units, vocab_size)

    def forward(self, tokens, state=None):
        out, state = self.lstm(self.embedding(tokens), state)  # state = (h_n, c_n)
        return self.fc(out), state


model = CharLSTM(len(CHARS), EMBED_DIM, UNITS)
logits, (h_n, c_n) = model(x_chars)
print("로짓:", tuple(logits.shape), "= (B, T, 어휘)")
print("h_n:", tuple(h_n.shape), "/ c_n:", tuple(c_n.shape), "= (층 수, B, H)")
trainable = [p for p in model.parameters() if p.requires_grad]
print("파라미터 수:", sum(p.numel() for p in model.parameters()), end="")
print(" / 학습하는 것:", sum(p.numel() for p in trainable))
# --8<-- [end:model]

# --8<-- [start:gates]
lstm = model.lstm
print("weight_ih_l0:", tuple(lstm.weight_ih_l0.shape), "/ weight_hh_l0:", end=" ")
print(tuple(lstm.weight_hh_l0.shape), "/ bias_ih_l0, bias_hh_l0:", end=" ")
print(tuple(lstm.bias_ih_l0.shape))

# 첫 시점을 손으로 계산합니다. 행 방향으로 [i; f; g; o] 네 덩어리
x0 = model.embedding(x_chars[:, :1])  # (B, 1, E)
zeros = torch.zeros(len(CHAR_X), UNITS)  # 처음 h와 c는 0
z = (
    x0[:, 0] @ lstm.weight_ih_l0.T
    + lstm.bias_ih_l0
    + zeros @ lstm.weight_hh_l0.T
    + lstm.bias_hh_l0
)
i, f, g, o = z.chunk(4, dim=-1)
i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
c1 = f * zeros + i * g  # 셀 상태: 잊을 만큼 잊고 새 내용을 더합니다
h1 = o * torch.tanh(c1)
_, (h_layer, c_layer) = lstm(x0)  # 한 시점 뒤의 상태. [0]이 첫 층
print(f"손으로 계산한 h₁과의 차이: {(h1 - h_layer[0]).abs().max():.1e}", end="")
print(f" / c₁: {(c1 - c_layer[0]).abs().max():.1e}")
blocks = lstm.bias_ih_l0.detach().chunk(4)
print("편향 덩어리 평균 [i, f, g, o]:", [round(b.mean().item(), 4) for b in blocks])
# --8<-- [end:gates]

# --8<-- [start:gru]
# GRU: 게이트 순서는 [r; z; n]. 편향은 처음부터 bias_ih, bias_hh 두 개입니다
gru = nn.GRU(EMBED_DIM, UNITS, batch_first=True)
embedded = model.embedding(x_chars)  # (B, T, E), 위 LSTM 모델의 임베딩을 빌립니다
gru_out, gru_h = gru(embedded)
shapes = [tuple(w.shape) for w in (gru.weight_ih_l0, gru.weight_hh_l0)]
print(f"GRU weight_ih {shapes[0]}, weight_hh {shapes[1]}", end="")
print(f", bias_ih·bias_hh {tuple(gru.bias_ih_l0.shape)} × 2", end="")
print(f" / 파라미터 {sum(p.numel() for p in gru.parameters())}")


def gru_step(x, h):
    """nn.GRU의 한 시점을 문서의 식 그대로 계산합니다."""
    x_r, x_z, x_n = (x @ gru.weight_ih_l0.T + gru.bias_ih_l0).chunk(3, dim=-1)
    h_r, h_z, h_n = (h @ gru.weight_hh_l0.T + gru.bias_hh_l0).chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)  # 리셋 게이트: 순환 쪽 결과(편향 포함)에 곱합니다
    z = torch.sigmoid(x_z + h_z)  # 갱신 게이트
    candidate = torch.tanh(x_n + r * h_n)
    return (1 - z) * candidate + z * h


h = torch.zeros(len(CHAR_X), UNITS)
for step in range(2):  # 두 시점을 손으로
    h = gru_step(embedded[:, step], h)
print(f"손으로 계산한 두 시점 뒤 상태와의 차이: {(h - gru_out[:, 1]).abs().max():.1e}")
# --8<-- [end:gru]

# --8<-- [start:step]
import math

from data import BETA_2, KERAS_EPSILON, LEARNING_RATE

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(trainable, lr=LEARNING_RATE, betas=(0.9, BETA_2))


def keras_epsilon(step):
    """Keras Adam(ε)과 똑같이 갱신하려면 PyTorch의 ε을 단계마다 이렇게 둡니다."""
    return KERAS_EPSILON / math.sqrt(1 - BETA_2**step)


def train_step(x, y, step):
    for group in optimizer.param_groups:
        group["eps"] = keras_epsilon(step)
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    logits, _ = model(x)  # 상태는 학습에 쓰지 않습니다
    loss = loss_fn(logits.transpose(1, 2), y)  # (B, V, T) 로짓과 (B, T) 정답
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:step]

# --8<-- [start:train]
from data import STEPS

losses = [train_step(x_chars, y_chars, step) for step in range(1, STEPS + 1)]
for step in (1, 25, 50, STEPS):
    print(f"step {step:3d}  loss {losses[step - 1]:.4f}")
# --8<-- [end:train]

# --8<-- [start:generate]
from data import GENERATE_LEN, PROMPT, encode


@torch.no_grad()  # 생성에는 기울기 기록이 필요 없습니다
def generate(prompt, length, choose):
    """choose(로짓) → 다음 글자 번호 (1,). 뽑은 번호와 시점마다의 로짓을 돌려줍니다."""
    logits, state = model(torch.tensor([encode(prompt)]))  # 프롬프트를 한 번에 읽고
    logits, chosen, history = logits[:, -1], [], []
    for _ in range(length):  # 한 글자씩: 상태 (h_n, c_n)를 다음 호출로 넘깁니다
        history.append(logits[0].numpy())
        next_id = choose(logits)
        chosen.append(int(next_id[0]))
        logits, state = model(next_id[:, None], state)
        logits = logits[:, -1]
    return chosen, np.stack(history)


def greedy(logits):
    return logits.argmax(dim=-1)  # 탐욕적: 가장 큰 로짓


greedy_ids, greedy_logits = generate(PROMPT, GENERATE_LEN, greedy)
print("탐욕적 생성:", repr(PROMPT + decode(greedy_ids)))

# 상태를 넘기며 한 글자씩 읽은 로짓 = 30글자를 한 번에 읽은 로짓
tokens = torch.tensor([encode(TEXT[:30])])
with torch.no_grad():
    whole, _ = model(tokens)
    stepwise, state = [], None
    for position in range(30):
        logits, state = model(tokens[:, position : position + 1], state)
        stepwise.append(logits[:, 0])
stepwise = torch.stack(stepwise, dim=1)
print(f"한 글자씩 ↔ 한 번에: 최대 차이 {(stepwise - whole).abs().max():.1e}")
# --8<-- [end:generate]

# --8<-- [start:sample]
from data import TEMPERATURES


def sampler(temperature):
    def choose(logits):
        # multinomial은 확률을 받습니다 (로짓을 softmax로 바꿔서)
        probs = torch.softmax(logits / temperature, dim=-1)
        return torch.multinomial(probs, num_samples=1)[:, 0]

    return choose


with torch.no_grad():
    prompt_logits = model(torch.tensor([encode(PROMPT)]))[0][:, -1]  # (1, V)
distributions, samples = {}, {}
for temperature in TEMPERATURES:
    distributions[temperature] = torch.softmax(prompt_logits / temperature, dim=-1)[0]
    top = distributions[temperature].argsort(descending=True)[:3]
    shown = ", ".join(f"{CHARS[k]!r} {distributions[temperature][k]:.3f}" for k in top)
    print(f"T={temperature}: 다음 글자 {shown}")
for temperature in TEMPERATURES:
    samples[temperature] = generate(PROMPT, GENERATE_LEN, sampler(temperature))
    print(f"T={temperature}:", repr(PROMPT + decode(samples[temperature][0])))
# --8<-- [end:sample]

# --8<-- [start:sine-model]
from data import SINE_TEST_X, SINE_TEST_Y, SINE_TRAIN_X, SINE_TRAIN_Y, SINE_UNITS

sine_x, sine_y = torch.from_numpy(SINE_TRAIN_X), torch.from_numpy(SINE_TRAIN_Y)
test_x = torch.from_numpy(SINE_TEST_X)  # (N, 20, 1): batch_first=True의 (B, T, 특징)


class SineLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, SINE_UNITS, batch_first=True)
        like_keras_bias(self.lstm)
        self.fc = nn.Linear(SINE_UNITS, 1)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n[-1])  # 마지막 시점의 h = Keras LSTM의 기본 출력


sine_model = SineLSTM()
print("입력:", tuple(sine_x.shape), "/ 정답:", tuple(sine_y.shape), end="")
print(" / 예측:", tuple(sine_model(sine_x[:4]).shape))
sine_trainable = [p for p in sine_model.parameters() if p.requires_grad]
print("파라미터 수:", sum(p.numel() for p in sine_model.parameters()), end="")
print(" / 학습하는 것:", sum(p.numel() for p in sine_trainable))
# --8<-- [end:sine-model]

# --8<-- [start:sine-train]
from data import SINE_EPOCHS, SINE_LR, sine_batches

mse = nn.MSELoss()  # 예측 (B, 1)과 정답 (B, 1)의 모양이 같아야 합니다
sine_optimizer = torch.optim.Adam(sine_trainable, lr=SINE_LR, betas=(0.9, BETA_2))


def sine_step(x, y, step):
    for group in sine_optimizer.param_groups:
        group["eps"] = keras_epsilon(step)
    sine_optimizer.zero_grad()
    loss = mse(sine_model(x), y)
    loss.backward()
    sine_optimizer.step()
    return loss.item()


sine_losses = []
for epoch in range(SINE_EPOCHS):
    for index in sine_batches(epoch):  # data.py가 정한 순서
        index = torch.from_numpy(index)
        step = len(sine_losses) + 1
        sine_losses.append(sine_step(sine_x[index], sine_y[index], step))
    if epoch + 1 in (1, 4, 8, SINE_EPOCHS):
        recent = np.mean(sine_losses[-len(sine_batches(epoch)) :])
        print(f"epoch {epoch + 1:2d}  평균 MSE {recent:.4f}")
# --8<-- [end:sine-train]

# --8<-- [start:forecast]
import matplotlib.pyplot as plt

from data import NOISE, SPLIT, plot_forecast

with torch.no_grad():
    forecast = sine_model(test_x).numpy()  # 한 시점 앞 예측 (N, 1)
rmse = float(np.sqrt(np.mean((forecast - SINE_TEST_Y) ** 2)))
naive = float(np.sqrt(np.mean((SINE_TEST_X[:, -1] - SINE_TEST_Y) ** 2)))
print(f"평가 RMSE {rmse:.4f} / 바로 전 값을 그대로 쓰면 {naive:.4f}", end="")
print(f" / 잡음의 표준편차 {NOISE}")
plot_forecast(forecast, "PyTorch")
plt.show()
# --8<-- [end:forecast]

# --8<-- [start:exercise-same-sample]
# 연습 문제 1: 두 프레임워크가 같은 균등 난수로 뽑으면 같은 글을 쓸까?
from data import SHARED_UNIFORMS

uniforms = iter(SHARED_UNIFORMS)


def inverse_cdf(logits):
    """누적 확률이 균등 난수 u를 처음 넘는 글자를 고릅니다."""
    cumulative = torch.cumsum(torch.softmax(logits, dim=-1), dim=-1)  # (1, V)
    u = torch.tensor([[next(uniforms)]], dtype=cumulative.dtype)
    return torch.searchsorted(cumulative, u)[:, 0].clamp(max=len(CHARS) - 1)


same_ids, _ = generate(PROMPT, GENERATE_LEN, inverse_cdf)
print("공유한 난수로 T=1:", repr(PROMPT + decode(same_ids)))
# --8<-- [end:exercise-same-sample]

# --8<-- [start:exercise-rollout]
# 연습 문제 2: 예측을 다시 입력으로 넣어 여러 시점 앞을 예측하면
from data import CLEAN, SINE_WINDOW

window = torch.from_numpy(SINE_TEST_X[:1].copy())  # (1, 20, 1): 평가 구간의 첫 창
rolled = []
with torch.no_grad():
    for _ in range(80):
        value = sine_model(window)  # (1, 1)
        rolled.append(value.item())
        window = torch.cat([window[:, 1:], value[:, None]], dim=1)
target = CLEAN[SPLIT + SINE_WINDOW :][:80]  # 잡음 없는 사인파와 비교
for horizon in (1, 20, 40, 80):
    error = np.sqrt(np.mean((np.array(rolled[:horizon]) - target[:horizon]) ** 2))
    print(f"{horizon:2d}시점 앞까지 RMSE {error:.4f}")
# --8<-- [end:exercise-rollout]
