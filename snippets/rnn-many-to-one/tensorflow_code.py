# Many-to-one 문장 분류: 마스킹과 2층 RNN — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import BATCH_SIZE, TRAIN_IDS, Y_TRAIN

keras.utils.set_random_seed(0)

# 기본값은 padding="pre": 앞을 0으로 채웁니다
print("기본값 (pre):")
print(keras.utils.pad_sequences(TRAIN_IDS[:3]))
# 이 글은 뒤를 채웁니다 (PyTorch의 패킹이 이 모양을 기대합니다)
x_train = keras.utils.pad_sequences(TRAIN_IDS, padding="post")
y_train = Y_TRAIN
print('padding="post":')
print(x_train[:3])
print("x:", x_train.shape, x_train.dtype, "/ y:", y_train.shape)
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(BATCH_SIZE)
# --8<-- [end:data]


# --8<-- [start:model]
from data import DROPOUT, EMBED_DIM, HIDDEN_SIZE, N_CLASSES, ONE_HOT_TABLE, VOCAB_SIZE


def build_model(mask_zero=True):
    return keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int32"),
            # 고정한 원-핫 표. mask_zero=True: 번호 0을 패딩으로 보고 마스크를 만듭니다
            keras.layers.Embedding(
                VOCAB_SIZE,
                EMBED_DIM,
                embeddings_initializer=keras.initializers.Constant(ONE_HOT_TABLE),
                trainable=False,
                mask_zero=mask_zero,
            ),
            # 아래층은 모든 단계를 위층으로 넘깁니다
            keras.layers.SimpleRNN(HIDDEN_SIZE, return_sequences=True),
            keras.layers.Dropout(DROPOUT),  # 층 사이 ↔ nn.RNN(dropout=)
            keras.layers.SimpleRNN(HIDDEN_SIZE),  # 마지막 실제 단계의 상태
            keras.layers.Dropout(DROPOUT),
            keras.layers.Dense(N_CLASSES),  # 로짓
        ]
    )


model = build_model()
embedding, rnn_1, dropout_1, rnn_2, dropout_2, dense = model.layers
n_trained = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
n_frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
print("학습하는 파라미터:", n_trained, "/ 고정한 파라미터:", n_frozen)
print("Embedding.trainable:", embedding.trainable)
print("드롭아웃 비율:", DROPOUT)
print("처음 로짓:", tuple(model(x_train).shape))
# --8<-- [end:model]

# --8<-- [start:mask]
# Sequential이 속에서 하는 일을 층마다 직접 해 봅니다
vectors = embedding(x_train)  # (12, T, 19)
mask = embedding.compute_mask(x_train)  # (12, T) True = 실제 단어
print("마스크 (앞 3문장):")
print(mask.numpy()[:3].astype(int))
sequence_1 = rnn_1(vectors, mask=mask)  # 1층: (12, T, H)
state_2 = rnn_2(sequence_1, mask=mask)  # 2층: (12, H)
lengths = mask.numpy().sum(axis=1)
last_1 = sequence_1.numpy()[
    np.arange(len(lengths)), lengths - 1
]  # 1층의 마지막 실제 단계
# 마스크된 단계에서 Keras는 직전 출력을 그대로 되풀이합니다
repeats = np.allclose(sequence_1[0, lengths[0] :], last_1[0])
print(f"첫 문장 패딩 자리의 1층 출력 == 마지막 실제 단계: {repeats}")
# 모델 전체를 부르면 Sequential이 이 마스크를 층마다 알아서 넘깁니다
same = np.allclose(dense(state_2), model(x_train), atol=1e-6)
print("2층 상태:", tuple(state_2.shape), "/ model(x)의 로짓과 같음:", same)
# --8<-- [end:mask]

# --8<-- [start:optimizer]
from data import ADAM_EPSILON, BETA_2, EPOCHS, LEARNING_RATE

model.compile(
    optimizer=keras.optimizers.Adam(
        learning_rate=LEARNING_RATE, beta_2=BETA_2, epsilon=ADAM_EPSILON
    ),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
print("학습할 변수:", len(model.trainable_weights), "개 (Embedding 표는 빠짐)")
# --8<-- [end:optimizer]

# --8<-- [start:train]
table_before = embedding.embeddings.numpy().copy()
history = model.fit(train_ds, epochs=EPOCHS, verbose=0)
losses = history.history["loss"]  # 에포크마다 배치 손실의 평균
for epoch in (1, 5, 10, 20, EPOCHS):
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}")
table_moved = np.abs(embedding.embeddings.numpy() - table_before).max()
print("고정한 표가 움직인 양:", table_moved)
# --8<-- [end:train]

# --8<-- [start:evaluate]
from data import LABEL_NAMES, TEST, TEST_IDS, TRAIN, Y_TEST

x_test = keras.utils.pad_sequences(TEST_IDS, padding="post")
# model(x)는 추론 모드입니다: Dropout이 꺼집니다
train_probs = tf.nn.softmax(model(x_train)).numpy()
test_probs = tf.nn.softmax(model(x_test)).numpy()
train_acc = np.mean(train_probs.argmax(axis=1) == y_train)
print(f"학습 정확도 {train_acc:.3f}")
for (sentence, label), p in zip(TEST, test_probs):
    guess = LABEL_NAMES[p.argmax()]
    print(f"{sentence}: P(긍정) {p[1]:.3f} → {guess} (정답 {LABEL_NAMES[label]})")
test_acc = np.mean(test_probs.argmax(axis=1) == Y_TEST)
print(f"평가 정확도 {test_acc:.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:padded-step]
import matplotlib.pyplot as plt

# 같은 가중치, 마스크만 끈 모델: 패딩까지 모두 읽은 상태로 분류합니다
unmasked = build_model(mask_zero=False)
unmasked.set_weights(model.get_weights())
padded_probs = tf.nn.softmax(unmasked(x_train)).numpy()
n_pads = (x_train == 0).sum(axis=1)
flipped = padded_probs.argmax(axis=1) != train_probs.argmax(axis=1)
print("패딩 수:", n_pads)
print("P(긍정) 차이:", np.abs(padded_probs[:, 1] - train_probs[:, 1]).round(3))
print("예측이 바뀐 문장:", int(flipped.sum()), "/", len(flipped))

fig, ax = plt.subplots(figsize=(6.4, 3.8))
rows = np.arange(len(TRAIN))
ax.barh(
    rows + 0.2, train_probs[:, 1], height=0.4, label="마스크 켬", color="tab:orange"
)
ax.barh(rows - 0.2, padded_probs[:, 1], height=0.4, label="마스크 끔", color="0.6")
ax.set_yticks(rows, [f"{s} ({n})" for (s, _), n in zip(TRAIN, n_pads)], fontsize=9)
ax.invert_yaxis()
ax.axvline(0.5, color="k", lw=0.8)
ax.set_xlabel("P(긍정)")
ax.set_title("Keras: 마지막 패딩 단계로 분류하면 (괄호: 패딩 수)", fontsize=10)
ax.legend(fontsize=9, ncol=2, loc="upper center", bbox_to_anchor=(0.4, -0.16))
fig.tight_layout()
plt.show()
# --8<-- [end:padded-step]

# --8<-- [start:dropout]
ones = np.ones((1, 3, 4), "float32")  # 배치 1, 단계 3, 특징 4


def kept(values):
    """학습 모드 출력에서 살아남은 자리를 1, 떨어진 자리를 0으로 표시합니다."""
    return (np.asarray(values)[0] != 0).astype(int)


# 1) Dropout 층: 단계마다 다른 마스크 (이 글의 모델이 층 사이에 둔 것)
print("Dropout 층:")
print(kept(keras.layers.Dropout(0.5, seed=1)(ones, training=True)))
# 2) SimpleRNN(dropout=): 층의 입력에 마스크 하나를 모든 단계에 씁니다.
# 입력을 그대로 내보내도록 가중치를 골라 마스크를 눈으로 봅니다
see_through = keras.layers.SimpleRNN(
    4,
    dropout=0.5,
    seed=1,
    activation=None,
    use_bias=False,
    kernel_initializer="identity",
    recurrent_initializer="zeros",
    return_sequences=True,
)
print("SimpleRNN(dropout=0.5):")
print(kept(see_through(ones, training=True)))
# --8<-- [end:dropout]

# --8<-- [start:exercise-pre]
# 연습 문제 1: 앞을 채운("pre") 입력이면 마스크 없이도 마지막 단계가 실제 단어입니다
x_pre = keras.utils.pad_sequences(TRAIN_IDS)  # padding="pre"
pre_probs = tf.nn.softmax(unmasked(x_pre)).numpy()
for name, probs in (("pre ", pre_probs), ("post", padded_probs)):
    gap = np.abs(probs[:, 1] - train_probs[:, 1]).mean()
    flips = int((probs.argmax(axis=1) != train_probs.argmax(axis=1)).sum())
    print(f"마스크 없이 {name}: P(긍정) 차이 평균 {gap:.3f}, 바뀐 예측 {flips}개")
# bias가 0이면 영벡터 패딩을 읽어도 상태가 0에 머뭅니다
bias_size = max(np.abs(rnn_1.cell.bias.numpy()).max(), np.abs(rnn_2.cell.bias).max())
print(f"학습한 RNN bias의 최대 절댓값: {bias_size:.3f}")
# --8<-- [end:exercise-pre]

# --8<-- [start:exercise-sort]
# 연습 문제 2: 배치를 길이 순으로 정렬해도 마스크를 쓰면 결과는 같습니다
order = np.argsort(-(x_train != 0).sum(axis=1), kind="stable")  # 긴 문장부터
sorted_probs = tf.nn.softmax(model(x_train[order])).numpy()
restored = np.empty_like(sorted_probs)
restored[order] = sorted_probs  # 원래 순서로 되돌립니다
print("정렬 순서:", order)
print("원래 순서로 되돌리면 같은 예측:", np.allclose(restored, train_probs, atol=1e-6))
# --8<-- [end:exercise-sort]
