# LSTM/GRU: 문자 시퀀스 예측과 텍스트 생성 (+시계열 회귀) — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from data import CHAR_X, CHAR_Y, CHARS, TEXT, WINDOW, decode

keras.utils.set_random_seed(0)

x_chars = tf.constant(CHAR_X)  # (창 수, 10) int64
y_chars = tf.constant(CHAR_Y)
print("문장 길이:", len(TEXT), "글자 / 어휘:", len(CHARS), "글자")
print(
    "입력:", tuple(x_chars.shape), x_chars.dtype.name, "/ 정답:", tuple(y_chars.shape)
)
print(f"첫 창: {decode(CHAR_X[0])!r} → {decode(CHAR_Y[0])!r} (창 길이 {WINDOW})")
# --8<-- [end:data]


# --8<-- [start:model]
from data import EMBED_DIM, UNITS


class CharLSTM(keras.Model):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        # 기본값 ±0.05 대신 표준 정규 분포(PyTorch의 기본값)로 시작합니다
        normal = keras.initializers.RandomNormal(stddev=1.0)
        self.embedding = layers.Embedding(
            vocab_size, embed_dim, embeddings_initializer=normal
        )
        # 층마다 [출력 시퀀스, h, c]를 돌려받도록 return_state=True
        self.lstm1 = layers.LSTM(units, return_sequences=True, return_state=True)
        self.lstm2 = layers.LSTM(units, return_sequences=True, return_state=True)
        self.dense = layers.Dense(vocab_size)

    def call(self, tokens, states=None):
        first, second = states if states is not None else (None, None)
        x = self.embedding(tokens)
        x, h1, c1 = self.lstm1(x, initial_state=first)  # first = [h, c] 또는 None
        x, h2, c2 = self.lstm2(x, initial_state=second)
        return self.dense(x), [[h1, c1], [h2, c2]]


model = CharLSTM(len(CHARS), EMBED_DIM, UNITS)
logits, states = model(x_chars)
print("로짓:", tuple(logits.shape), "= (B, T, 어휘)")
for layer, (h, c) in enumerate(states, start=1):
    print(f"{layer}층 상태: h {tuple(h.shape)}, c {tuple(c.shape)}")
print("파라미터 수:", model.count_params())
# --8<-- [end:model]

# --8<-- [start:gates]
cell = model.lstm1.cell
print("kernel:", tuple(cell.kernel.shape), "/ recurrent_kernel:", end=" ")
print(tuple(cell.recurrent_kernel.shape), "/ bias:", tuple(cell.bias.shape))

# 첫 시점을 손으로 계산합니다. 열 방향으로 [i | f | c | o] 네 덩어리
x0 = model.embedding(x_chars[:, :1])  # (B, 1, E)
zeros = tf.zeros((len(CHAR_X), UNITS))  # 처음 h와 c는 0
z = x0[:, 0] @ cell.kernel + zeros @ cell.recurrent_kernel + cell.bias
i, f, g, o = tf.split(z, 4, axis=-1)
i, f, g, o = tf.sigmoid(i), tf.sigmoid(f), tf.tanh(g), tf.sigmoid(o)
c1 = f * zeros + i * g  # 셀 상태: 잊을 만큼 잊고 새 내용을 더합니다
h1 = o * tf.tanh(c1)
_, h_layer, c_layer = model.lstm1(x0)  # 층이 계산한 한 시점 뒤의 상태
print(f"손으로 계산한 h₁과의 차이: {np.abs(h1 - h_layer).max():.1e}", end="")
print(f" / c₁: {np.abs(c1 - c_layer).max():.1e}")
# unit_forget_bias=True: f 게이트 덩어리의 편향만 1로 시작합니다
blocks = np.split(cell.bias.numpy(), 4)
print("편향 덩어리 평균 [i, f, c, o]:", [round(float(b.mean()), 4) for b in blocks])
# --8<-- [end:gates]

# --8<-- [start:gru]
# GRU: 게이트 순서는 [z | r | h]. reset_after=True(기본값)면 편향이 (2, 3H)입니다
gru = layers.GRU(UNITS, return_sequences=True, return_state=True)
embedded = model.embedding(x_chars)  # (B, T, E), 위 LSTM 모델의 임베딩을 빌립니다
gru_out, gru_h = gru(embedded)
gru_cell = gru.cell
shapes = [tuple(w.shape) for w in (gru_cell.kernel, gru_cell.recurrent_kernel)]
print(f"GRU kernel {shapes[0]}, recurrent_kernel {shapes[1]}", end="")
print(f", bias {tuple(gru_cell.bias.shape)} / 파라미터 {gru.count_params()}")
old_style = layers.GRU(UNITS, reset_after=False)
old_style.build(embedded.shape)
print("reset_after=False: bias", tuple(old_style.cell.bias.shape), end="")
print(f" / 파라미터 {old_style.count_params()}")


def gru_step(x, h):
    """Keras GRU(reset_after=True)의 한 시점을 식 그대로 계산합니다."""
    x_z, x_r, x_h = tf.split(x @ gru_cell.kernel + gru_cell.bias[0], 3, axis=-1)
    h_z, h_r, h_h = tf.split(
        h @ gru_cell.recurrent_kernel + gru_cell.bias[1], 3, axis=-1
    )
    z = tf.sigmoid(x_z + h_z)  # 갱신 게이트
    r = tf.sigmoid(x_r + h_r)  # 리셋 게이트: 순환 쪽 결과(편향 포함)에 곱합니다
    candidate = tf.tanh(x_h + r * h_h)
    return z * h + (1 - z) * candidate


h = tf.zeros((len(CHAR_X), UNITS))
for step in range(2):  # 두 시점을 손으로
    h = gru_step(embedded[:, step], h)
print(f"손으로 계산한 두 시점 뒤 상태와의 차이: {np.abs(h - gru_out[:, 1]).max():.1e}")
# --8<-- [end:gru]

# --8<-- [start:step]
from data import BETA_2, KERAS_EPSILON, LEARNING_RATE

loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(
    learning_rate=LEARNING_RATE, beta_2=BETA_2, epsilon=KERAS_EPSILON
)
optimizer.build(model.trainable_variables)  # 변수를 미리 만들어 한 번만 추적


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits, _ = model(x, training=True)  # 상태는 학습에 쓰지 않습니다
        loss = loss_fn(y, logits)  # (B, T, V) 로짓과 (B, T) 정답 그대로
    grads = tape.gradient(loss, model.trainable_variables)
    grads = [tf.convert_to_tensor(g) for g in grads]  # 임베딩의 IndexedSlices → 밀집
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
from data import STEPS

losses = [float(train_step(x_chars, y_chars)) for _ in range(STEPS)]
for step in (1, 25, 50, STEPS):
    print(f"step {step:3d}  loss {losses[step - 1]:.4f}")
# --8<-- [end:train]

# --8<-- [start:generate]
from data import GENERATE_LEN, PROMPT, encode


@tf.function
def next_logits(token, states):
    """글자 하나 (1, 1)와 상태를 받아 다음 글자의 로짓 (1, V)과 새 상태를 돌려줍니다."""
    logits, states = model(token, states)
    return logits[:, -1], states


def generate(prompt, length, choose):
    """choose(로짓) → 다음 글자 번호 (1,). 뽑은 번호와 시점마다의 로짓을 돌려줍니다."""
    logits, states = model(tf.constant([encode(prompt)]))  # 프롬프트를 한 번에 읽고
    logits, chosen, history = logits[:, -1], [], []
    for _ in range(length):  # 한 글자씩: 상태를 다음 호출로 넘깁니다
        history.append(logits[0].numpy())
        next_id = choose(logits)
        chosen.append(int(next_id[0]))
        logits, states = next_logits(next_id[:, None], states)
    return chosen, np.stack(history)


def greedy(logits):
    return tf.argmax(logits, axis=-1)  # 탐욕적: 가장 큰 로짓


greedy_ids, greedy_logits = generate(PROMPT, GENERATE_LEN, greedy)
print("탐욕적 생성:", repr(PROMPT + decode(greedy_ids)))

# 상태를 넘기며 한 글자씩 읽은 로짓 = 30글자를 한 번에 읽은 로짓
tokens = tf.constant([encode(TEXT[:30])])
whole, _ = model(tokens)
stepwise, states = [], None
for position in range(30):
    logits, states = model(tokens[:, position : position + 1], states)
    stepwise.append(logits[:, 0])
stepwise = tf.stack(stepwise, axis=1)
print(f"한 글자씩 ↔ 한 번에: 최대 차이 {np.abs(stepwise - whole).max():.1e}")
# --8<-- [end:generate]

# --8<-- [start:sample]
from data import TEMPERATURES


def sampler(temperature):
    def choose(logits):
        # categorical은 로짓을 받습니다 (확률로 바꿀 필요 없음)
        return tf.random.categorical(logits / temperature, num_samples=1)[:, 0]

    return choose


prompt_logits = model(tf.constant([encode(PROMPT)]))[0][:, -1]  # (1, V)
distributions, samples = {}, {}
for temperature in TEMPERATURES:
    distributions[temperature] = tf.nn.softmax(prompt_logits / temperature)[0]
    top = np.argsort(-distributions[temperature].numpy())[:3]
    shown = ", ".join(f"{CHARS[k]!r} {distributions[temperature][k]:.3f}" for k in top)
    print(f"T={temperature}: 다음 글자 {shown}")
for temperature in TEMPERATURES:
    samples[temperature] = generate(PROMPT, GENERATE_LEN, sampler(temperature))
    print(f"T={temperature}:", repr(PROMPT + decode(samples[temperature][0])))
# --8<-- [end:sample]

# --8<-- [start:sine-model]
from data import SINE_TEST_X, SINE_TEST_Y, SINE_TRAIN_X, SINE_TRAIN_Y, SINE_UNITS

sine_x, sine_y = tf.constant(SINE_TRAIN_X), tf.constant(SINE_TRAIN_Y)  # (N, 20, 1)
test_x = tf.constant(SINE_TEST_X)
sine_model = keras.Sequential(
    [
        keras.Input(shape=SINE_TRAIN_X.shape[1:]),  # (시점 20, 특징 1)
        layers.LSTM(SINE_UNITS),  # return_sequences=False: 마지막 시점의 h만
        layers.Dense(1),
    ]
)
print("입력:", tuple(sine_x.shape), "/ 정답:", tuple(sine_y.shape), end="")
print(" / 예측:", tuple(sine_model(sine_x[:4]).shape))
print("파라미터 수:", sine_model.count_params())
# --8<-- [end:sine-model]

# --8<-- [start:sine-train]
from data import SINE_EPOCHS, SINE_LR, sine_batches

mse = keras.losses.MeanSquaredError()
sine_optimizer = keras.optimizers.Adam(
    learning_rate=SINE_LR, beta_2=BETA_2, epsilon=KERAS_EPSILON
)
sine_optimizer.build(sine_model.trainable_variables)


@tf.function
def sine_step(x, y):
    with tf.GradientTape() as tape:
        loss = mse(y, sine_model(x, training=True))
    grads = tape.gradient(loss, sine_model.trainable_variables)
    sine_optimizer.apply_gradients(zip(grads, sine_model.trainable_variables))
    return loss


sine_losses = []
for epoch in range(SINE_EPOCHS):
    for index in sine_batches(epoch):  # data.py가 정한 순서
        loss = sine_step(tf.gather(sine_x, index), tf.gather(sine_y, index))
        sine_losses.append(float(loss))
    if epoch + 1 in (1, 4, 8, SINE_EPOCHS):
        recent = np.mean(sine_losses[-len(sine_batches(epoch)) :])
        print(f"epoch {epoch + 1:2d}  평균 MSE {recent:.4f}")
# --8<-- [end:sine-train]

# --8<-- [start:forecast]
import matplotlib.pyplot as plt

from data import NOISE, SPLIT, plot_forecast

forecast = sine_model(test_x).numpy()  # 한 시점 앞 예측 (N, 1)
rmse = float(np.sqrt(np.mean((forecast - SINE_TEST_Y) ** 2)))
naive = float(np.sqrt(np.mean((SINE_TEST_X[:, -1] - SINE_TEST_Y) ** 2)))
print(f"평가 RMSE {rmse:.4f} / 바로 전 값을 그대로 쓰면 {naive:.4f}", end="")
print(f" / 잡음의 표준편차 {NOISE}")
plot_forecast(forecast, "Keras")
plt.show()
# --8<-- [end:forecast]

# --8<-- [start:exercise-same-sample]
# 연습 문제 1: 두 프레임워크가 같은 균등 난수로 뽑으면 같은 글을 쓸까?
from data import SHARED_UNIFORMS

uniforms = iter(SHARED_UNIFORMS)


def inverse_cdf(logits):
    """누적 확률이 균등 난수 u를 처음 넘는 글자를 고릅니다."""
    cumulative = tf.cumsum(tf.nn.softmax(logits), axis=-1)  # (1, V)
    u = tf.constant([[next(uniforms)]], dtype=cumulative.dtype)
    return tf.minimum(tf.searchsorted(cumulative, u)[:, 0], len(CHARS) - 1)


same_ids, _ = generate(PROMPT, GENERATE_LEN, inverse_cdf)
print("공유한 난수로 T=1:", repr(PROMPT + decode(same_ids)))
# --8<-- [end:exercise-same-sample]

# --8<-- [start:exercise-rollout]
# 연습 문제 2: 예측을 다시 입력으로 넣어 여러 시점 앞을 예측하면
from data import CLEAN, SINE_WINDOW

window = SINE_TEST_X[:1].copy()  # (1, 20, 1): 평가 구간의 첫 창
rolled = []
for _ in range(80):
    value = sine_model(window).numpy()[0, 0]
    rolled.append(value)
    window = np.concatenate([window[:, 1:], [[[value]]]], axis=1).astype(np.float32)
target = CLEAN[SPLIT + SINE_WINDOW :][:80]  # 잡음 없는 사인파와 비교
for horizon in (1, 20, 40, 80):
    error = np.sqrt(np.mean((np.array(rolled[:horizon]) - target[:horizon]) ** 2))
    print(f"{horizon:2d}시점 앞까지 RMSE {error:.4f}")
# --8<-- [end:exercise-rollout]
