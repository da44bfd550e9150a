# 복잡한 CNN (Inception 블록) — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from data import (
    BATCH_SIZE,
    EPOCH_ORDERS,
    STEPS_PER_EPOCH,
    X_TEST,
    X_TRAIN,
    Y_TEST,
    Y_TRAIN,
)

keras.utils.set_random_seed(0)

x_train = X_TRAIN[..., np.newaxis]  # NHWC (N, 8, 8, 1)
x_test = X_TEST[..., np.newaxis]


def epoch_batches(order):
    return tf.data.Dataset.from_tensor_slices(order).batch(BATCH_SIZE)


# 7편과 같은 방법: data.py가 정한 에포크별 순서대로 배치를 만듭니다
train_ds = (
    tf.data.Dataset.from_tensor_slices(EPOCH_ORDERS)
    .flat_map(epoch_batches)
    .map(lambda idx: (tf.gather(x_train, idx), tf.gather(Y_TRAIN, idx)))
)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, Y_TEST)).batch(len(x_test))
images, labels = next(iter(train_ds))
print("학습:", x_train.shape, "/ 첫 배치:", tuple(images.shape))
print("에포크당 배치 수:", STEPS_PER_EPOCH)
# --8<-- [end:data]


# --8<-- [start:padding]
def same_padding(n, k, s=1):
    """'same'이 한 축에 덧대는 (앞, 뒤) 칸 수. 홀수 칸이 남으면 뒤에 하나 더."""
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


from data import RAMP

ramp = RAMP[np.newaxis, :, :, np.newaxis]  # (1, 4, 4, 1), 값 1–16
# 2×2 커널, 가중치 1: 출력은 창 안 네 값의 합입니다
even = layers.Conv2D(1, 2, padding="same", use_bias=False, kernel_initializer="ones")
even_out = even(ramp)
print("Conv2D(2×2, 'same') — 덧댄 칸 (앞, 뒤):", same_padding(4, 2))
print(even_out.numpy()[0, :, :, 0].astype(int))

# 3×3 평균 풀링 'same': 덧댄 칸은 세지 않고 실제 값만 평균합니다
average = layers.AveragePooling2D(3, strides=1, padding="same")
average_out = average(np.ones((1, 4, 4, 1), "float32"))
print("AveragePooling2D(3, 'same'), 입력이 모두 1:")
print(average_out.numpy()[0, :, :, 0].round(3))
# --8<-- [end:padding]

# --8<-- [start:block]
from data import BLOCK_OUT, BRANCH, REDUCE


def inception_block(x, name):
    """Functional API: 텐서를 받아 가지 네 개를 만들고 채널 축으로 잇습니다."""

    def conv(filters, size, branch):
        return layers.Conv2D(filters, size, padding="same", name=f"{name}_{branch}")

    branch1x1 = conv(REDUCE, 1, "branch1x1")(x)
    branch5x5 = conv(REDUCE, 1, "branch5x5_reduce")(x)
    branch5x5 = conv(BRANCH, 5, "branch5x5")(branch5x5)
    branch3x3 = conv(REDUCE, 1, "branch3x3_reduce")(x)
    branch3x3 = conv(BRANCH, 3, "branch3x3a")(branch3x3)
    branch3x3 = conv(BRANCH, 3, "branch3x3b")(branch3x3)
    pooled = layers.AveragePooling2D(3, strides=1, padding="same")(x)
    branch_pool = conv(BRANCH, 1, "branch_pool")(pooled)
    # NHWC의 채널 축은 마지막 축(-1)입니다
    return layers.Concatenate(axis=-1, name=f"{name}_concat")(
        [branch1x1, branch5x5, branch3x3, branch_pool]
    )


block_in = keras.Input(shape=(4, 4, 10))
block_demo = keras.Model(block_in, inception_block(block_in, "demo"))
print("블록 출력:", block_demo.output.shape, f"= {REDUCE} + 3·{BRANCH} = {BLOCK_OUT}")
print("블록 파라미터 수:", block_demo.count_params())
# --8<-- [end:block]

# --8<-- [start:model]
from data import ACTIVATION, CONV1, CONV2, HEIGHT, N_CLASSES, WIDTH


def build_model():
    inputs = keras.Input(shape=(HEIGHT, WIDTH, 1))
    x = layers.Conv2D(CONV1, 3, padding="same", activation=ACTIVATION, name="conv1")(
        inputs
    )
    x = layers.AveragePooling2D(2, name="pool")(x)  # 8×8 → 4×4
    x = inception_block(x, "inc1")
    x = layers.Conv2D(CONV2, 3, padding="same", activation=ACTIVATION, name="conv2")(x)
    x = inception_block(x, "inc2")
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(N_CLASSES, name="fc")(x)
    return keras.Model(inputs, outputs, name="inception_functional")


model = build_model()
print("층 수:", len(model.layers))
# 층이 많아 마지막 세 층만 보입니다. 파라미터 수는 모델 전체의 값입니다.
model.summary(
    line_length=88, positions=[0.3, 0.53, 0.65, 1.0], layer_range=["inc2_concat", "fc"]
)
# --8<-- [end:model]

# --8<-- [start:flatten-size]
# Functional 모델은 만들 때 이미 모든 층의 모양을 압니다
flatten_in = model.get_layer("flatten").input.shape  # (None, 4, 4, 88)
flatten_out = model.get_layer("flatten").output.shape
print("Flatten:", flatten_in, "→", flatten_out)
print(f"{flatten_in[3]}·{flatten_in[1]}·{flatten_in[2]} =", flatten_out[1])
in_features = model.get_layer("fc").kernel.shape[0]
# --8<-- [end:flatten-size]


# --8<-- [start:subclass]
class InceptionBlock(layers.Layer):
    """서브클래싱: 층은 __init__에서 만들고, 계산은 call에서 합니다."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.branch1x1 = layers.Conv2D(REDUCE, 1)
        self.branch5x5_reduce = layers.Conv2D(REDUCE, 1)
        self.branch5x5 = layers.Conv2D(BRANCH, 5, padding="same")
        self.branch3x3_reduce = layers.Conv2D(REDUCE, 1)
        self.branch3x3a = layers.Conv2D(BRANCH, 3, padding="same")
        self.branch3x3b = layers.Conv2D(BRANCH, 3, padding="same")
        self.pool = layers.AveragePooling2D(3, strides=1, padding="same")
        self.branch_pool = layers.Conv2D(BRANCH, 1)

    def call(self, x):
        branches = [
            self.branch1x1(x),
            self.branch5x5(self.branch5x5_reduce(x)),
            self.branch3x3b(self.branch3x3a(self.branch3x3_reduce(x))),
            self.branch_pool(self.pool(x)),
        ]
        return keras.ops.concatenate(branches, axis=-1)


class InceptionNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv1 = layers.Conv2D(CONV1, 3, padding="same", activation=ACTIVATION)
        self.pool = layers.AveragePooling2D(2)
        self.inc1 = InceptionBlock()
        self.conv2 = layers.Conv2D(CONV2, 3, padding="same", activation=ACTIVATION)
        self.inc2 = InceptionBlock()
        self.flatten = layers.Flatten()
        self.fc = layers.Dense(N_CLASSES)

    def call(self, x):
        x = self.inc1(self.pool(self.conv1(x)))
        x = self.inc2(self.conv2(x))
        return self.fc(self.flatten(x))


subclassed = InceptionNet()
subclassed(x_test[:1])  # 한 번 불러야 가중치가 생깁니다 (빌드)
print("파라미터 수:", subclassed.count_params(), "/ Functional:", model.count_params())

# 같은 가중치를 층 이름으로 옮겨 두 모델이 같은 계산인지 봅니다
BRANCH_LAYERS = [
    "branch1x1",
    "branch5x5_reduce",
    "branch5x5",
    "branch3x3_reduce",
    "branch3x3a",
    "branch3x3b",
    "branch_pool",
]
for name in ("conv1", "conv2", "fc"):
    getattr(subclassed, name).set_weights(model.get_layer(name).get_weights())
for prefix in ("inc1", "inc2"):
    for name in BRANCH_LAYERS:
        source = model.get_layer(f"{prefix}_{name}")
        getattr(getattr(subclassed, prefix), name).set_weights(source.get_weights())
gap = np.abs(subclassed(x_test).numpy() - model(x_test).numpy()).max()
print("Functional과 서브클래싱의 로짓 최대 차이:", gap)
# --8<-- [end:subclass]

# --8<-- [start:optimizer]
from data import LEARNING_RATE, MOMENTUM

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
start_loss = float(model.loss(labels, model(images)))
print(f"첫 배치의 손실 {start_loss:.4f}")
# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

history = model.fit(
    train_ds,
    epochs=EPOCHS,
    steps_per_epoch=STEPS_PER_EPOCH,
    validation_data=test_ds,
    shuffle=False,  # 순서는 data.py가 정합니다
    verbose=0,
)
losses = history.history["loss"]
val_losses = history.history["val_loss"]
val_accuracies = history.history["val_accuracy"]
for epoch in (1, 2, 5, EPOCHS):
    i = epoch - 1
    print(
        f"epoch {epoch:2d}  loss {losses[i]:.4f}  "
        f"평가 loss {val_losses[i]:.4f}  평가 정확도 {val_accuracies[i]:.4f}"
    )
# --8<-- [end:train]

# --8<-- [start:evaluate]
import itertools

import matplotlib.pyplot as plt

test_logits = model(x_test).numpy()
predictions = test_logits.argmax(axis=1)
test_accuracy = float(np.mean(predictions == Y_TEST))
print(f"평가 정확도 {test_accuracy:.4f}  ({np.sum(predictions != Y_TEST)}개 틀림)")
print("예측:", predictions[:12])
print("정답:", Y_TEST[:12])

# 둘째 블록의 출력 (N, 4, 4, 88)을 가지별로 나눠, 숫자마다 평균 크기를 봅니다
probe = keras.Model(model.input, model.get_layer("inc2_concat").output)
block_out = probe(x_test).numpy()
edges = np.cumsum([0, REDUCE, BRANCH, BRANCH, BRANCH])  # 가지의 채널 경계
branch_means = np.array(
    [
        [
            np.abs(block_out[Y_TEST == d][..., a:b]).mean()
            for a, b in itertools.pairwise(edges)
        ]
        for d in range(N_CLASSES)
    ]
)
fig, ax = plt.subplots(figsize=(4.2, 3.6))
image = ax.imshow(branch_means, cmap="viridis", aspect="auto")
ax.set_xticks(range(4), ["1×1", "5×5", "3×3 두 번", "풀링"])
ax.set_yticks(range(N_CLASSES))
ax.set_ylabel("정답 숫자")
ax.set_title("Keras: 둘째 블록, 가지별 |출력| 평균", fontsize=10)
fig.colorbar(image, ax=ax)
fig.tight_layout()
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:exercise-mnist]
# 연습 문제 1: 원래 예제처럼 28×28 입력, 5×5 'valid' 합성곱, 풀링 두 번이면?
mnist_in = keras.Input(shape=(28, 28, 1))
x = layers.MaxPooling2D(2)(layers.Conv2D(10, 5, activation="relu")(mnist_in))  # 12
x = inception_block(x, "mnist_inc1")
x = layers.MaxPooling2D(2)(layers.Conv2D(20, 5, activation="relu")(x))  # 8 → 4
x = inception_block(x, "mnist_inc2")
mnist_flat = layers.Flatten()(x)
print("28×28 입력의 Flatten:", x.shape, "→", mnist_flat.shape)
# --8<-- [end:exercise-mnist]
