# RNN 기초: 'hihell' → 'ihello' — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import N_CHARS, SOURCE, TARGET, X_ONE_HOT, Y_BATCH, decode

keras.utils.set_random_seed(0)

x_train = X_ONE_HOT.astype("float32")  # (배치 1, 시간 6, 특징 5)
y_train = Y_BATCH  # (1, 6) 글자 번호, 원-핫이 아닙니다
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(1)
print(f"{SOURCE} → {TARGET}")
print("x:", x_train.shape, x_train.dtype, "/ y:", y_train.shape, y_train.dtype)
print("x의 첫 단계 (h):", x_train[0, 0])
# --8<-- [end:data]


# --8<-- [start:model]
from data import HIDDEN_SIZE


def build_model():
    return keras.Sequential(
        [
            # (시간, 특징). 시간 길이는 None으로 비워 둡니다
            keras.Input(shape=(None, N_CHARS)),
            # 단계마다 은닉 상태를 내보냅니다: (B, T, H)
            keras.layers.SimpleRNN(HIDDEN_SIZE, return_sequences=True),
            # Dense는 마지막 축에만 작용: 단계마다 로짓 (B, T, 5)
            keras.layers.Dense(N_CHARS),
        ]
    )


model = build_model()
rnn, dense = model.layers
for weight in rnn.weights:
    print(f"{weight.path.split('/', 1)[1]:<43} {tuple(weight.shape)}")
print("파라미터 수:", model.count_params())
print("처음 로짓:", tuple(model(x_train).shape))
# --8<-- [end:model]

# --8<-- [start:layout]
# Keras의 RNN 입력은 언제나 (배치, 시간, 특징)입니다
right = rnn(x_train)
print("(1, 6, 5) → 출력", tuple(right.shape))

# 시간 축이 앞인 (6, 1, 5) 배열을 그대로 넣으면 길이 1인 시퀀스 6개로 읽습니다
x_time_major = np.transpose(x_train, (1, 0, 2))
wrong = rnn(x_time_major)
print("(6, 1, 5) → 출력", tuple(wrong.shape), "← 배치 6, 시간 1")

try:  # Keras 3에는 시간 축을 앞에 두는 옵션이 없습니다
    keras.layers.SimpleRNN(HIDDEN_SIZE, time_major=True)
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:layout]

# --8<-- [start:outputs]
from data import DEMO_ONE_HOT, SPLIT

x_pair = DEMO_ONE_HOT.astype("float32")  # (2, 6, 5): hihell, llehih
# 무엇을 돌려줄지는 층을 만들 때 정합니다
last_only = keras.layers.SimpleRNN(HIDDEN_SIZE)  # 기본값: 마지막 단계만
with_state = keras.layers.SimpleRNN(
    HIDDEN_SIZE, return_sequences=True, return_state=True
)
for layer in (last_only, with_state):
    layer.build(x_pair.shape)
    layer.set_weights(rnn.get_weights())  # 모델의 RNN과 같은 가중치

h_last = last_only(x_pair)
sequence, state = with_state(x_pair)
print("기본값:", tuple(h_last.shape))
print("return_sequences:", tuple(sequence.shape), "/ return_state:", tuple(state.shape))
print("마지막 단계 출력 == 상태:", np.array_equal(sequence[:, -1], state))

# 앞 3글자의 상태를 initial_state로 넘겨 뒤 3글자를 이어 계산합니다
_, middle = with_state(x_pair[:, :SPLIT])
rest, state_end = with_state(x_pair[:, SPLIT:], initial_state=middle)
print("initial_state:", tuple(middle.shape), "= (배치, H)")
gap = np.abs(rest - sequence[:, SPLIT:]).max()
print(f"나눠 계산한 뒤 3단계와 한 번에 계산한 값의 차이: {gap:.1e}")
# --8<-- [end:outputs]

# --8<-- [start:embedding]
from data import EMBED_DIM, EMBED_TABLE, X_IDS

# 정해 둔 표로 시작하는 Embedding: 초기화 함수로 넘깁니다
embedding = keras.layers.Embedding(
    N_CHARS,
    EMBED_DIM,
    embeddings_initializer=keras.initializers.Constant(EMBED_TABLE),
)
ids = X_IDS[None].astype("int32")  # (1, 6) 글자 번호
vectors = embedding(ids)  # 표에서 행을 골라 옵니다
print("번호", ids.shape, ids.dtype, "→ 벡터", tuple(vectors.shape))
table = embedding.embeddings.numpy()  # (5, 3) = (글자 수, 차원)
from_one_hot = x_train @ table  # 원-핫 × 표 = 같은 행
print("원-핫 @ 표와의 차이:", np.abs(vectors - from_one_hot).max())
# --8<-- [end:embedding]

# --8<-- [start:optimizer]
from data import ADAM_EPSILON, BETA_2, EPOCHS, LEARNING_RATE

model.compile(
    optimizer=keras.optimizers.Adam(
        learning_rate=LEARNING_RATE, beta_2=BETA_2, epsilon=ADAM_EPSILON
    ),
    # 정답이 글자 번호이고 Dense가 로짓을 내므로 from_logits=True
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
print("학습할 변수:", len(model.trainable_weights), "개")
# --8<-- [end:optimizer]

# --8<-- [start:train]
predicted = []  # 에포크가 끝날 때마다 예측한 글자 번호 (6,)


def remember_prediction(epoch, logs):
    # predict_on_batch: 한 번 그래프로 만든 예측 함수를 다시 씁니다 (빠릅니다)
    predicted.append(np.argmax(model.predict_on_batch(x_train)[0], axis=-1))


callback = keras.callbacks.LambdaCallback(on_epoch_end=remember_prediction)
history = model.fit(train_ds, epochs=EPOCHS, verbose=0, callbacks=[callback])
losses = history.history["loss"]
for epoch in (1, 2, 5, 10, 20, EPOCHS):
    text = decode(predicted[epoch - 1])
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}  예측 {text}")
# --8<-- [end:train]

# --8<-- [start:predict]
import matplotlib.pyplot as plt

from data import CHARS

hidden = rnn(x_train)[0].numpy()  # (6, H): 단계마다 은닉 상태
logits = model(x_train)[0]  # (6, 5)
probs = tf.nn.softmax(logits).numpy()
answer = decode(probs.argmax(axis=-1))
print(f"{SOURCE} → {answer}")
print("단계별 최대 확률:", probs.max(axis=-1).round(4))

fig, (ax_h, ax_p) = plt.subplots(1, 2, figsize=(6.4, 3.0), width_ratios=[8, 5])
im = ax_h.imshow(hidden, cmap="RdBu_r", vmin=-1, vmax=1)
ax_h.set_title("은닉 상태 h_t")
ax_h.set_xlabel("은닉 유닛")
fig.colorbar(im, ax=ax_h, shrink=0.8)
im = ax_p.imshow(probs, cmap="Oranges", vmin=0, vmax=1)
ax_p.set_title("다음 글자 확률")
ax_p.set_xticks(range(N_CHARS), CHARS)
fig.colorbar(im, ax=ax_p, shrink=0.8)
for ax in (ax_h, ax_p):
    ax.set_yticks(range(len(SOURCE)), [f"{c} → {t}" for c, t in zip(SOURCE, answer)])
ax_h.set_ylabel("입력 → 예측")
fig.suptitle("Keras: 학습한 SimpleRNN", fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:predict]

# --8<-- [start:seed-bugs]
# 출력층 없이 SimpleRNN(5)의 출력을 로짓으로 쓰면 로짓이 tanh의 범위 (-1, 1)에
# 갇힙니다. 그 안에서 가장 좋은 로짓은 정답 자리 +1, 나머지 -1입니다
best_tanh = np.where(np.eye(N_CHARS)[y_train] == 1, 1.0, -1.0).astype("float32")
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
floor = float(loss_fn(y_train, best_tanh))
print(f"로짓이 ±1 안이면 손실 ≥ {floor:.4f} = log(1 + 4/e²)")
print(f"Dense가 있는 모델: 마지막 손실 {losses[-1]:.4f}")
# --8<-- [end:seed-bugs]

# --8<-- [start:exercise-embedding]
# 연습 문제 1: 원-핫 대신 글자 번호 + 고정한 단위 행렬 Embedding
embed_model = keras.Sequential(
    [
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(
            N_CHARS,
            N_CHARS,
            embeddings_initializer=keras.initializers.Constant(np.eye(N_CHARS)),
            trainable=False,
        ),
        keras.layers.SimpleRNN(HIDDEN_SIZE, return_sequences=True),
        keras.layers.Dense(N_CHARS),
    ]
)
# Embedding 뒤의 두 층에 학습한 가중치를 그대로 옮깁니다
for new, old in zip(embed_model.layers[1:], model.layers):
    new.set_weights(old.get_weights())
embed_logits = embed_model(ids)
print("Embedding 모델:", decode(np.argmax(embed_logits[0], axis=-1)))
print("원-핫 모델과 로짓 차이:", float(np.abs(embed_logits - model(x_train)).max()))
# --8<-- [end:exercise-embedding]

# --8<-- [start:exercise-bias]
# 연습 문제 2: bias가 하나인 Keras에서 SGD 한 단계가 bias를 얼마나 움직이는지
probe = build_model()  # 학습하지 않은 새 모델
probe_bias = probe.layers[0].cell.bias
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    loss = loss_fn(y_train, probe(x_train))
grad = tape.gradient(loss, probe_bias)
before = probe_bias.numpy()
keras.optimizers.SGD(learning_rate=LEARNING_RATE).apply([grad], [probe_bias])
moved = probe_bias.numpy() - before
ratio = np.linalg.norm(moved) / (LEARNING_RATE * np.linalg.norm(grad))
print(f"|Δbias| / (lr·|기울기|) = {ratio:.4f}")
# --8<-- [end:exercise-bias]
